// Lookups that parse the variable's text into the setting's type, in the project's idiom: booleans as
// `env.bool`/`cast=bool`/`.lower() in (…)`, integers with int(), lists split at commas.
import type { Idiom } from "./idiom";

export type ParseType = "bool" | "int" | "list";

export type TypedDefault =
  | { type: "bool"; value: boolean }
  /** `undefined`: the variable is required. */
  | { type: "int"; value: number | undefined }
  | { type: "list"; value: string[] };

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["0", "false", "no", "off", ""];

/** The boolean every idiom's parse agrees on (django-environ, decouple and the os expression); undefined otherwise. */
export function boolMeaning(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.includes(word) ? true : FALSE_WORDS.includes(word) ? false : undefined;
}

/** A Python string literal holding `value` (JSON's escapes are Python's). */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

const pythonBool = (value: boolean): string => (value ? "True" : "False");

/** The `.env` text that parses back to the default's value. */
export function envTextOf(typed: TypedDefault): string | undefined {
  switch (typed.type) {
    case "bool":
      return pythonBool(typed.value);
    case "int":
      return typed.value === undefined ? undefined : String(typed.value);
    case "list":
      return typed.value.join(",");
  }
}

/** Whether the list survives a comma-separated round trip: no commas, no surrounding spaces, no empty item. */
export function listRoundTrips(items: readonly string[]): boolean {
  return items.every((item) => item !== "" && item === item.trim() && !item.includes(","));
}

function osGet(idiom: Idiom, key: string, fallback: string): string {
  return idiom.kind === "os.getenv" ? `${idiom.callee}.getenv(${key}, ${fallback})` : `${idiom.callee}.environ.get(${key}, ${fallback})`;
}

const splitList = (source: string): string => `[h.strip() for h in ${source}.split(",") if h.strip()]`;

function renderBool(idiom: Idiom, key: string, value: boolean): string {
  if (idiom.kind === "environ") return `${idiom.callee}.bool(${key}, default=${pythonBool(value)})`;
  if (idiom.kind === "decouple") return `${idiom.callee}(${key}, default=${pythonBool(value)}, cast=bool)`;
  return `${osGet(idiom, key, pythonString(pythonBool(value)))}.lower() in ("1", "true", "yes", "on")`;
}

function renderInt(idiom: Idiom, key: string, value: number | undefined): string {
  const fallback = value === undefined ? "" : `, default=${value}`;
  if (idiom.kind === "environ") return `${idiom.callee}.int(${key}${fallback})`;
  if (idiom.kind === "decouple") return `${idiom.callee}(${key}${fallback}, cast=int)`;
  return value === undefined ? `int(${idiom.callee}.environ[${key}])` : `int(${osGet(idiom, key, pythonString(String(value)))})`;
}

function renderList(idiom: Idiom, key: string, items: readonly string[]): string {
  if (idiom.kind === "environ") return `${idiom.callee}.list(${key}, default=[${items.map(pythonString).join(", ")}])`;
  const joined = pythonString(items.join(","));
  if (idiom.kind === "decouple") return splitList(`${idiom.callee}(${key}, default=${joined})`);
  return splitList(osGet(idiom, key, joined));
}

/** `key` is the Python source of the variable name (`"DEBUG"`). */
export function renderTyped(idiom: Idiom, key: string, typed: TypedDefault): string {
  switch (typed.type) {
    case "bool":
      return renderBool(idiom, key, typed.value);
    case "int":
      return renderInt(idiom, key, typed.value);
    case "list":
      return renderList(idiom, key, typed.value);
  }
}

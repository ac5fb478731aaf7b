// How a value is written to `.env` so that every loader the project may use reads back exactly that string:
// python-dotenv always (DESIGN.md), python-decouple's own `.env` reader for the decouple idiom, and
// django-environ's `read_env` for the django-environ idiom. A value no format satisfies is not moved.
import { parseDotenv } from "../dotenv/parse";
import { formatDotenvValue } from "../dotenv/write";
import type { Idiom } from "./idiom";

export type EnvLoader = "python-dotenv" | "decouple" | "django-environ";

export function envLoaders(idiom: Idiom): EnvLoader[] {
  if (idiom.kind === "decouple") return ["python-dotenv", "decouple"];
  if (idiom.kind === "environ") return ["python-dotenv", "django-environ"];
  return ["python-dotenv"];
}

// Python's str.strip() whitespace and str.splitlines() line boundaries.
const PY_SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "gu");
const PY_LINE_BOUNDARY = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const UNIVERSAL_NEWLINE = /[\n\r]/;

const pyStrip = (text: string): string => text.replace(PY_STRIP, "");

/** python-dotenv: the writer's own output is read back by construction; another form only when our parser
 *  reads the value and nothing in it is interpolated (`${` is expanded in every value). */
function dotenvReadsBack(written: string, value: string): boolean {
  if (written === formatDotenvValue(value)) return true;
  if (written.includes("${")) return false;
  const file = parseDotenv(`K=${written}\n`);
  return file.errors.length === 0 && file.entries.length === 1 && file.entries[0]?.value === value;
}

/** python-decouple's RepositoryEnv (3.5 and later): strip, split at the first `=`, strip, drop one pair of matching quotes. */
function decoupleReads(written: string): string | undefined {
  if (UNIVERSAL_NEWLINE.test(written)) return undefined;
  const value = pyStrip(pyStrip(`K=${written}`).slice(2));
  return value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0] ? value.slice(1, -1) : value;
}

/** django-environ's read_env: single quotes taken verbatim, then double quotes with backslash escapes
 *  (`\n`, `\r`, `\t` kept as two characters); a value starting with `$` is read as a reference to another variable. */
function environReads(written: string): string | undefined {
  if (PY_LINE_BOUNDARY.test(written)) return undefined;
  let value = /^'(.*)'$/s.exec(written)?.[1] ?? written;
  const doubled = /^"(.*)"$/s.exec(value)?.[1];
  if (doubled !== undefined) value = doubled.replace(/\\(.)/gs, (_, c: string) => ("rnt".includes(c) ? `\\${c}` : c));
  return value.startsWith("$") ? undefined : value;
}

const READS_BACK: Record<EnvLoader, (written: string, value: string) => boolean> = {
  "python-dotenv": dotenvReadsBack,
  decouple: (written, value) => decoupleReads(written) === value,
  "django-environ": (written, value) => environReads(written) === value,
};

/** NUL cannot be in an environment variable, nor can a lone surrogate be encoded. */
function fitsEnvironment(value: string): boolean {
  return !value.includes("\0") && !/\p{Cs}/u.test(value);
}

/** The text to write after `KEY=`, or undefined when no text reads back as `value` in every loader. */
export function formatEnvValue(value: string, loaders: readonly EnvLoader[]): string | undefined {
  if (!fitsEnvironment(value)) return undefined;
  const candidates = [formatDotenvValue(value), `'${value}'`, `"${value}"`, value];
  return candidates.find((written) => loaders.every((loader) => READS_BACK[loader](written, value)));
}

/**
 * A multi-line value (a PEM key) for the django-environ idiom: one double-quoted line with `\n` escapes, which
 * python-dotenv decodes into line breaks and django-environ's `read_env` keeps as `\n` for `env.str(…, multiline=True)`
 * to turn into line breaks. Undefined for a value this cannot carry (no line break, a backslash, a CR, `${`).
 */
export function formatMultilineEnvironValue(value: string): string | undefined {
  if (!value.includes("\n") || /[\\\r]|\$\{/.test(value) || !fitsEnvironment(value)) return undefined;
  const written = `"${value.replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const dotenv = parseDotenv(`K=${written}\n`);
  return dotenv.errors.length === 0 && dotenv.entries[0]?.value === value && environReads(written) === value.replace(/\n/g, "\\n") ? written : undefined;
}

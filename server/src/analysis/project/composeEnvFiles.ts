// The `env_file:` entries of Docker Compose files (RULES.md 6xx), read by hand: just enough YAML for the
// short form (a string), the list forms (flow `[a, b]` and block `- a`) and the long form (`- path: a`).
import { dirname, joinPath } from "./paths";

export interface ComposeEnvFileRef {
  /** The compose file that names the env file. */
  compose: string;
  /** The env file, resolved against the compose file's folder (root-relative POSIX path). */
  file: string;
  /** 0-based line of the entry in the compose file. */
  line: number;
}

const ENV_FILE_KEY = /^(\s*)env_file\s*:(.*)$/;
const LIST_ITEM = /^-(?:\s+|$)(.*)$/;
const PATH_KEY = /^path\s*:(.*)$/;
const MAPPING_KEY = /^[A-Za-z_][\w-]*\s*:(?:\s|$)/;

/** Every env file a compose file names, in order. */
export function composeEnvFileRefs(compose: string, text: string): ComposeEnvFileRef[] {
  const lines = text.split(/\r\n|\r|\n/);
  const refs: ComposeEnvFileRef[] = [];
  lines.forEach((line, index) => {
    const match = ENV_FILE_KEY.exec(stripComment(line));
    if (!match) return;
    const indent = match[1]?.length ?? 0;
    const rest = (match[2] ?? "").trim();
    const values = rest === "" ? blockValues(lines, index + 1, indent) : inlineValues(rest).map((value) => ({ value, line: index }));
    for (const { value, line: at } of values) {
      const file = resolveRelative(dirname(compose), value);
      if (file !== undefined) refs.push({ compose, file, line: at });
    }
  });
  return refs;
}

interface LocatedValue {
  value: string;
  line: number;
}

/** `env_file: .env` or `env_file: [.env, "other.env"]`. */
function inlineValues(rest: string): string[] {
  if (!rest.startsWith("[")) return [unquote(rest)];
  const inner = rest.slice(1, rest.includes("]") ? rest.lastIndexOf("]") : undefined);
  return inner.split(",").map((part) => unquote(part.trim())).filter((value) => value !== "");
}

/** The block sequence under `env_file:` (items may sit at the key's own indent, as YAML allows). */
function blockValues(lines: readonly string[], from: number, keyIndent: number): LocatedValue[] {
  const values: LocatedValue[] = [];
  for (let index = from; index < lines.length; index++) {
    const content = stripComment(lines[index] ?? "");
    const trimmed = content.trim();
    if (trimmed === "") continue;
    const indent = content.length - content.trimStart().length;
    if (indent < keyIndent || (indent === keyIndent && !LIST_ITEM.test(trimmed))) break;
    const value = blockEntryValue(trimmed);
    if (value !== undefined) values.push({ value, line: index });
  }
  return values;
}

/** `- a.env` → a.env; `- path: a.env` or a `path: a.env` line of a long-form item → a.env; other keys → nothing. */
function blockEntryValue(trimmed: string): string | undefined {
  const item = LIST_ITEM.exec(trimmed);
  const entry = item ? (item[1] ?? "").trim() : trimmed;
  const path = PATH_KEY.exec(entry);
  if (path) return unquote((path[1] ?? "").trim()) || undefined;
  if (!item || entry === "" || MAPPING_KEY.test(entry)) return undefined;
  return unquote(entry) || undefined;
}

/** A YAML line without its comment: `#` at the start or after a blank, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "#" && (i === 0 || /\s/.test(line.charAt(i - 1)))) return line.slice(0, i);
  }
  return line;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1);
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}

/** `value` relative to `dir`, normalised; undefined for absolute paths, interpolated paths and paths above the root. */
function resolveRelative(dir: string, value: string): string | undefined {
  if (value.startsWith("/") || value.startsWith("~") || value.includes("$")) return undefined;
  const parts: string[] = [];
  for (const segment of joinPath(dir, value).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length ? parts.join("/") : undefined;
}

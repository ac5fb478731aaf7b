// A finding's identity that survives unrelated edits: its rule, its file and the normalised text of the
// lines it stands on, with every value that could be a secret replaced by the rule id. Never the line
// number, never a secret, never a plain hash of one.
import { parseDotenv } from "../dotenv/parse";
import { isEnvFileName } from "../project/envFileNames";
import { envEntrySecret } from "../secrets/envEntry";
import type { Finding } from "../types";

/** A Python string literal on one or several lines: optional prefix, then '…', "…", '''…''' or """…""". */
const PYTHON_STRING = /(?:\b[rRbBuUfF]{1,2})?('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
/** A comment after the code (strings are already replaced, so a `#` left is a comment's). */
const PYTHON_COMMENT = /#[^\n]*/g;
/** `KEY=value` / `export KEY: value` of an env file: everything after the separator is the value. */
const ENV_ASSIGNMENT = /^(\s*(?:export\s+)?[^=:#\s]+\s*[=:]).*$/gm;

/**
 * An env file's file-level findings (tracked with credentials, not ignored) stand for the credentials it
 * holds: their keys (never values) are part of the fingerprint, so a credential added later is a new finding.
 */
function credentialKeys(text: string): string {
  const keys = parseDotenv(text).entries.filter((entry) => envEntrySecret(entry) !== undefined).map((entry) => entry.key);
  return [...new Set(keys)].sort().join(",");
}

/** A finding reported at the start of a file stands for the file as a whole ("LOGGING is missing"). */
function isFileLevel(finding: Finding): boolean {
  return finding.range.start.line === 0 && finding.range.start.column === 0;
}

/** The last file's lines: findings come grouped by file, and the editor fingerprints on every analysis. */
let lastSplit: { text: string; lines: string[] } | undefined;

function linesOf(text: string, finding: Finding): string {
  if (lastSplit?.text !== text) lastSplit = { text, lines: text.split(/\r?\n/) };
  return lastSplit.lines.slice(finding.range.start.line, finding.range.end.line + 1).join("\n");
}

function withoutValues(statement: string, file: string, rule: string): string {
  if (isEnvFileName(file)) return statement.replace(ENV_ASSIGNMENT, `$1${rule}`);
  return statement.replace(PYTHON_STRING, rule).replace(PYTHON_COMMENT, "");
}

/** Whitespace and quoting style do not change what a statement says. */
function normalise(statement: string): string {
  return statement.replace(/\s+/g, " ").trim();
}

/** The text the fingerprint hashes: what a reader sees of the statement, its values masked by the rule id. */
export function fingerprintSource(finding: Finding, fileText: string | undefined): string {
  if (fileText === undefined) return `${finding.rule} <file>`;
  if (isFileLevel(finding)) return `${finding.rule} <file>${isEnvFileName(finding.file) ? ` ${credentialKeys(fileText)}` : ""}`;
  return normalise(withoutValues(linesOf(fileText, finding), finding.file, finding.rule));
}

/** cyrb53-style 2×32-bit hash, as 16 hex digits: a stable name for a text that holds no secret (the core stays free of node:crypto). */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The file is not part of it: an entry names its file beside the fingerprint, relative to the baseline. */
export function fingerprint(finding: Finding, fileText: string | undefined): string {
  return hashText(`${finding.rule}\0${fingerprintSource(finding, fileText)}`);
}

// The secrets one past version of a file holds: for a settings module, what DJP101–DJP104 report (the
// engine is run on that file alone); for an env file, the same four judgements on its keys and values.
import { parseDotenv } from "../dotenv/parse";
import { analyze } from "../engine";
import { buildPythonModule } from "../python/module";
import { catalog } from "../rules/catalog";
import { isCredentialName } from "../secrets/credentialName";
import { envEntrySecret } from "../secrets/envEntry";
import type { Config, FileAccess, Finding, Range } from "../types";
import type { HistoryFileKind } from "./files";

export type HistoryRule = "DJP101" | "DJP102" | "DJP103" | "DJP104";
export const HISTORY_RULES: readonly HistoryRule[] = ["DJP101", "DJP102", "DJP103", "DJP104"];

export interface BlobSecret {
  rule: HistoryRule;
  /** 0-based, in that version of the file. */
  line: number;
  column: number;
  /** The secret itself: kept in memory to tell one secret from another and to look for it in today's files; never shown. */
  secret: string;
}

/** Every rule but the four is off, so the engine runs the secret rules only. */
const HISTORY_CONFIG: Config = {
  productionSettings: [],
  rules: Object.fromEntries(catalog.filter((m) => !HISTORY_RULES.includes(m.id as HistoryRule)).map((m) => [m.id, "off" as const])),
};

function isHistoryRule(rule: string): rule is HistoryRule {
  return HISTORY_RULES.includes(rule as HistoryRule);
}

/**
 * The version alone, plus a companion settings module beside it: with two modules the version is not the
 * project's only (deployed) one, so the engine does not resolve deployed settings that no secret rule reads
 * (the secret rules judge every module but dev/test ones alike). A forced version is named by a manage.py
 * too, so it is a settings module whatever it assigns.
 */
function versionAccess(path: string, text: string, forced: boolean): FileAccess {
  const companion = `${path.slice(0, path.lastIndexOf("/") + 1)}__django_ready_history_companion__.py`;
  const texts = new Map([
    [path, text],
    [companion, "INSTALLED_APPS = []\nDATABASES = {}\nMIDDLEWARE = []\n"],
  ]);
  if (forced) texts.set("manage.py", `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${path.replace(/\.py$/, "").replace(/\//g, ".")}")\n`);
  const files = [...texts.keys()];
  return { files: () => files, read: (file) => texts.get(file) };
}

function onLines(range: Range, finding: Finding): boolean {
  return range.start.line >= finding.range.start.line && range.end.line <= finding.range.end.line;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

/** The literal a finding is about: the one it is anchored on, else (a dict entry's key) the longest other literal of its lines. */
function secretOf(finding: Finding, strings: readonly { value: string; range: Range }[]): string | undefined {
  const candidates = strings.filter((s) => onLines(s.range, finding));
  const anchored = candidates.find((s) => sameRange(s.range, finding.range));
  if (anchored && !(finding.rule === "DJP102" && isCredentialName(anchored.value))) return anchored.value;
  return candidates.filter((s) => s !== anchored).sort((a, b) => b.value.length - a.value.length)[0]?.value ?? anchored?.value;
}

function settingsSecrets(path: string, text: string, forced: boolean): BlobSecret[] {
  const findings = analyze(versionAccess(path, text, forced), HISTORY_CONFIG).findings.filter((f) => f.file === path && isHistoryRule(f.rule));
  if (findings.length === 0) return [];
  const strings = buildPythonModule(path, text).strings;
  return findings.flatMap((finding) => {
    const secret = secretOf(finding, strings);
    return secret === undefined ? [] : [{ rule: finding.rule as HistoryRule, line: finding.range.start.line, column: finding.range.start.column, secret }];
  });
}

function envSecrets(text: string): BlobSecret[] {
  return parseDotenv(text).entries.flatMap((entry) => {
    const found = envEntrySecret(entry);
    return found ? [{ ...found, line: entry.keyRange.start.line, column: entry.keyRange.start.column }] : [];
  });
}

/**
 * The secrets of one version of a file. `forced`: judge a Python version as a settings module even where its
 * content alone would not make it one (history does so for every version at a settings path).
 */
export function judgeBlob(kind: HistoryFileKind, path: string, text: string, forced = false): BlobSecret[] {
  return kind === "env" ? envSecrets(text) : settingsSecrets(path, text, forced);
}

/** How to rotate what leaked. */
export function rotationAdvice(rule: HistoryRule): string {
  return rule === "DJP101"
    ? "Rotate it: move the old key to SECRET_KEY_FALLBACKS, set a new SECRET_KEY from the environment, and drop the old key once sessions and links signed with it have expired"
    : "Revoke it at the provider (or change the password) and issue a new one from the environment";
}

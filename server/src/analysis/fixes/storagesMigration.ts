// DJP202's fix: the legacy DEFAULT_FILE_STORAGE / STATICFILES_STORAGE assignments of one settings module become one
// STORAGES dict keeping their backends as written (env lookups included); a missing one gets Django's default.
import type { Fix, Range, TextEdit } from "../types";
import type { AssignStatement, PythonModule } from "../python/module";
import type { DjangoProject, SettingsModuleInfo } from "../project/model";
import { INDENT } from "./insertSettings";
import { sameRange } from "../ranges";
import { lineBreakOf, lineStarts, offsetAt, textIn } from "./textPositions";

/** Each legacy setting, the STORAGES alias it moves to, and the backend Django uses when it is unset. */
const LEGACY_STORAGES = [
  { setting: "DEFAULT_FILE_STORAGE", alias: "default", djangoDefault: "django.core.files.storage.FileSystemStorage" },
  { setting: "STATICFILES_STORAGE", alias: "staticfiles", djangoDefault: "django.contrib.staticfiles.storage.StaticFilesStorage" },
] as const;

const LEGACY_NAMES: readonly string[] = LEGACY_STORAGES.map((legacy) => legacy.setting);

/** Names a statement binds or changes (assignments, `+=`, `.update(…)`). */
function touchedName(statement: PythonModule["statements"][number]): string | undefined {
  return "name" in statement ? statement.name : undefined;
}

function assignmentsOf(python: PythonModule, setting: string): AssignStatement[] {
  return python.statements.filter((s): s is AssignStatement => s.kind === "assign" && s.keys.length === 0 && s.name === setting);
}

/** The rest of the statement's last line, after the statement. */
function restOfLastLine(text: string, range: Range): string {
  const next = lineStarts(text)[range.end.line + 1];
  return text.slice(offsetAt(text, range.end), next ?? text.length);
}

/** `NAME = value` alone on its lines at module level (not in a block, not `A = B = …`, nothing after it but a comment). */
function standsAlone(python: PythonModule, statement: AssignStatement): boolean {
  const targets = python.statements.filter((s) => s.kind === "assign" && sameRange(s.range, statement.range)).length;
  return statement.range.start.column === 0 && targets === 1 && /^\s*(#[^\r\n]*)?\s*$/.test(restOfLastLine(python.text, statement.range));
}

/** Whether the module mentions `names` anywhere but in `statements` (a later read would fail once they are gone). */
function mentionedElsewhere(text: string, statements: readonly AssignStatement[], names: readonly string[]): boolean {
  const ranges = [...statements].sort((a, b) => a.range.start.line - b.range.start.line);
  let rest = "";
  let from = 0;
  for (const { range } of ranges) {
    rest += text.slice(from, offsetAt(text, range.start));
    from = offsetAt(text, range.end);
  }
  rest += text.slice(from);
  return names.some((name) => new RegExp(`\\b${name}\\b`).test(rest));
}

function otherModuleTouches(project: DjangoProject, module: SettingsModuleInfo): boolean {
  const names = [...LEGACY_NAMES, "STORAGES"];
  return project.settings.some((other) => other !== module && other.python.statements.some((s) => names.includes(touchedName(s) ?? "")));
}

function storagesSource(backends: ReadonlyMap<string, string>, eol: string): string {
  const aliases = LEGACY_STORAGES.map(({ setting, alias, djangoDefault }) => {
    const backend = backends.get(setting) ?? JSON.stringify(djangoDefault);
    return `${INDENT}${JSON.stringify(alias)}: {"BACKEND": ${backend}},${eol}`;
  });
  return `STORAGES = {${eol}${aliases.join("")}}`;
}

/** Removes the statement's whole lines. */
function deleteLines(range: Range): TextEdit {
  return { range: { start: { line: range.start.line, column: 0 }, end: { line: range.end.line + 1, column: 0 } }, newText: "" };
}

/**
 * Replace the module's legacy storage settings with STORAGES, written where the last of them was. Undefined when
 * the module already assigns STORAGES, has syntax errors, or a legacy setting's last assignment does not stand alone.
 * Safe only when each is assigned once, nothing else in the module names them, and no other settings module sets
 * them or STORAGES (a star import could then merge what this module cannot see).
 */
export function storagesMigrationFix(module: SettingsModuleInfo, project: DjangoProject): Fix | undefined {
  const python = module.python;
  if (python.syntaxErrors > 0 || python.statements.some((s) => touchedName(s) === "STORAGES")) return undefined;
  const assigned = LEGACY_NAMES.map((setting) => assignmentsOf(python, setting)).filter((list) => list.length > 0);
  const moved = assigned.map((list) => list[list.length - 1]);
  if (moved.length === 0 || !moved.every((statement) => standsAlone(python, statement))) return undefined;
  const ordered = [...moved].sort((a, b) => a.range.start.line - b.range.start.line);
  const backends = new Map(moved.map((statement) => [statement.name, textIn(python.text, statement.value.range)]));
  const last = ordered[ordered.length - 1];
  const edits = [...ordered.slice(0, -1).map((statement) => deleteLines(statement.range)), { range: last.range, newText: storagesSource(backends, lineBreakOf(python.text)) }];
  const names = moved.map((statement) => statement.name);
  const safe = assigned.every((list) => list.length === 1) && !mentionedElsewhere(python.text, moved, names) && !otherModuleTouches(project, module);
  return { title: `Migrate ${LEGACY_NAMES.join("/")} to STORAGES`, safe, preferred: safe, edits: [{ file: module.file, edits }] };
}

// Fixes of the env-file rules, as plain edits: .gitignore entries, removed duplicates, values replaced, template keys.
import { isBareLine } from "../dotenv/shownKey";
import type { DotenvEntry } from "../dotenv/parse";
import { formatDotenvLine } from "../dotenv/write";
import type { Fix, Range } from "../types";
import { appendLineEdit } from "../fixes/textPositions";
import { gitignoreLineEdit } from "../fixes/gitignore";
import type { EnvFile } from "../project/envFiles";
import type { DjangoProject } from "../project/model";
import { joinPath, relativeTo } from "../project/paths";

/** "Add <file> to .gitignore": a line in the project's root .gitignore, created when missing. */
export function gitignoreFix(project: DjangoProject, read: (path: string) => string | undefined, file: string): Fix {
  return {
    title: `Add ${relativeTo(file, project.root)} to .gitignore`,
    safe: true,
    preferred: true,
    edits: [gitignoreLineEdit(project, read, file)],
  };
}

/** The whole lines of a statement, line breaks included. */
function statementLines(entry: DotenvEntry): Range {
  return { start: { line: entry.statementRange.start.line, column: 0 }, end: { line: entry.statementRange.end.line + 1, column: 0 } };
}

/** Remove the previous definition of a key; unsafe when a value in between interpolates the key (it would then read another value). */
export function removeEarlierFix(file: string, earlier: DotenvEntry, interpolatedBetween: boolean): Fix {
  return {
    title: isBareLine(earlier) ? `Remove the earlier line ${earlier.keyRange.start.line + 1}` : `Remove the earlier ${earlier.key} line`,
    safe: !interpolatedBetween,
    preferred: true,
    edits: [{ file, edits: [{ range: statementLines(earlier), newText: "" }] }],
  };
}

/** Replace an entry's raw value (quotes included) with `value`. */
export function replaceValueFix(file: string, entry: DotenvEntry, value: string, title: string, safe: boolean): Fix | undefined {
  if (!entry.valueRange) return undefined;
  return { title, safe, preferred: true, edits: [{ file, edits: [{ range: entry.valueRange, newText: value }] }] };
}

/** The template env file a new key goes to: the one at the project root first, else the first; undefined when none. */
function templateFor(project: DjangoProject, envFiles: readonly EnvFile[]): EnvFile | undefined {
  const templates = envFiles.filter((env) => env.template);
  return templates.find((env) => env.file === joinPath(project.root, ".env.example")) ?? templates.find((env) => !relativeTo(env.file, project.root).includes("/")) ?? templates[0];
}

/** Add `NAME=` to the project's template env file, creating `.env.example` when it has none; none for a name no .env can hold. */
export function templateKeyFix(project: DjangoProject, envFiles: readonly EnvFile[], name: string): Fix | undefined {
  const line = emptyAssignment(name);
  if (line === undefined) return undefined;
  const template = templateFor(project, envFiles);
  const file = template?.file ?? joinPath(project.root, ".env.example");
  return {
    title: `Add ${name}= to ${relativeTo(file, project.root)}`,
    safe: true,
    preferred: true,
    edits: [appendLineEdit(file, template?.text, line)],
  };
}

function emptyAssignment(name: string): string | undefined {
  try {
    return formatDotenvLine(name, "");
  } catch {
    return undefined;
  }
}

// Fixes for the application-server rules: replace runserver with gunicorn in a deployment command (DJP501), and
// declare gunicorn in the main dependency file (DJP502).
import type { Fix, Range, TextEdit } from "../types";
import { positionInCommand, type DeploymentCommand } from "../project/deploymentFiles";
import type { RunserverMatch } from "../project/runserver";

function gunicornArguments(wsgiModule: string, port: string): string[] {
  return ["gunicorn", `${wsgiModule}:application`, "--bind", `0.0.0.0:${port}`];
}

/** The pieces `[from, to)` of the command text cover, with where each one starts in the text. */
function piecesWithOffsets(command: DeploymentCommand) {
  let offset = 0;
  return command.pieces.map((piece) => {
    const entry = { piece, start: offset, end: offset + piece.text.length };
    offset = entry.end + 1;
    return entry;
  });
}

/** Exec form: whole items from the invocation to the address, all on one line, become gunicorn's items. */
function execFormEdit(command: DeploymentCommand, match: RunserverMatch, items: string[]): TextEdit | undefined {
  const pieces = piecesWithOffsets(command);
  const first = pieces.find((p) => p.start === match.start);
  const last = pieces.find((p) => p.end === match.end);
  if (!first || !last || first.piece.line !== last.piece.line) return undefined;
  const range: Range = {
    start: { line: first.piece.line, column: first.piece.column - 1 },
    end: { line: last.piece.line, column: last.piece.column + last.piece.text.length + 1 },
  };
  return { range, newText: items.map((item) => JSON.stringify(item)).join(", ") };
}

/** Shell form (or a shell string inside one exec item): the invocation's text on one line is rewritten in place. */
function inlineEdit(command: DeploymentCommand, match: RunserverMatch, items: string[]): TextEdit | undefined {
  const owner = piecesWithOffsets(command).find((p) => p.start <= match.start && match.end <= p.end);
  if (!owner || /["\\]/.test(owner.piece.text)) return undefined;
  return { range: { start: positionInCommand(command, match.start), end: positionInCommand(command, match.end) }, newText: items.join(" ") };
}

export function gunicornFix(command: DeploymentCommand, match: RunserverMatch, wsgiModule: string): Fix | undefined {
  const items = gunicornArguments(wsgiModule, match.port);
  const edit = inlineEdit(command, match, items) ?? (command.execForm ? execFormEdit(command, match, items) : undefined);
  if (!edit) return undefined;
  return { title: `Start the app with gunicorn ${wsgiModule}:application`, safe: false, preferred: true, edits: [{ file: command.file, edits: [edit] }] };
}

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function appendLine(text: string, line: string): TextEdit {
  const all = lines(text);
  const end = { line: all.length - 1, column: all[all.length - 1].length };
  const prefix = text === "" || text.endsWith("\n") ? "" : "\n";
  return { range: { start: end, end }, newText: `${prefix}${line}\n` };
}

/** After the `[` of `dependencies = [` in pyproject's [project] table. */
function pep621Edit(text: string, requirement: string): TextEdit | undefined {
  const all = lines(text);
  let table = "";
  for (let line = 0; line < all.length; line++) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(all[line]);
    if (header) table = header[1].trim();
    const array = table === "project" ? /^(\s*dependencies\s*=\s*\[)(.*)$/.exec(all[line]) : null;
    if (!array) continue;
    const position = { line, column: array[1].length };
    const empty = /^\s*\]/.test(array[2]);
    const quoted = JSON.stringify(requirement);
    const newText = array[2].trim() === "" ? `\n    ${quoted},` : empty ? quoted : `${quoted}, `;
    return { range: { start: position, end: position }, newText };
  }
  return undefined;
}

/** A `name = "*"` line right after a Poetry or Pipfile dependency table header. */
function tableEdit(text: string, headers: string[], requirement: string): TextEdit | undefined {
  const line = lines(text).findIndex((l) => headers.includes(l.trim()));
  if (line < 0) return undefined;
  const position = { line: line + 1, column: 0 };
  return { range: { start: position, end: position }, newText: `${requirement} = "*"\n` };
}

/** The edit declaring `requirement` (a bare distribution name) in a requirements file, pyproject.toml or Pipfile. */
export function addRequirementEdit(file: string, text: string, requirement: string): TextEdit | undefined {
  const name = file.slice(file.lastIndexOf("/") + 1);
  if (name.endsWith(".txt")) return appendLine(text, requirement);
  if (name === "pyproject.toml") return pep621Edit(text, requirement) ?? tableEdit(text, ["[tool.poetry.dependencies]"], requirement);
  if (name === "Pipfile") return tableEdit(text, ["[packages]"], requirement);
  return undefined;
}

export function addGunicornFix(file: string, text: string): Fix | undefined {
  const edit = addRequirementEdit(file, text, "gunicorn");
  const name = file.slice(file.lastIndexOf("/") + 1);
  return edit && { title: `Add gunicorn to ${name}`, safe: true, preferred: true, edits: [{ file, edits: [edit] }] };
}

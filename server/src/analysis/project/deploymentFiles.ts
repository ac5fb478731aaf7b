// Deployment files (RULES.md DJP501) and the commands they run: Procfile processes, Dockerfile CMD/ENTRYPOINT
// (shell and exec forms, line continuations), compose `command:`/`entrypoint:` (string, flow or block list,
// block scalar) outside dev/local/override compose files, and the lines of entrypoint/start/run shell scripts.
import { appendAll } from "../arrays";
import type { Position } from "../types";
import type { DjangoProject } from "./model";
import { isComposeFile, isDevelopmentCompose, isDevelopmentFile } from "./fileKinds";
import { basename, dirname, isInsideToolingFolder, isUnder } from "./paths";

export type DeploymentFileKind = "procfile" | "dockerfile" | "compose" | "script";

/** One physical line's share of a command: the text and where it starts. */
export interface CommandPiece {
  text: string;
  line: number;
  column: number;
}

export interface DeploymentCommand {
  file: string;
  kind: DeploymentFileKind;
  /** Exec form (a JSON array or YAML list): `pieces` hold the items, unquoted, one per item. */
  execForm: boolean;
  pieces: CommandPiece[];
}

/** The command as one string, pieces joined by single spaces. */
export function commandText(command: DeploymentCommand): string {
  return command.pieces.map((piece) => piece.text).join(" ");
}

/** The source position of an offset into `commandText(command)`. */
export function positionInCommand(command: DeploymentCommand, offset: number): Position {
  let start = 0;
  for (const piece of command.pieces) {
    if (offset <= start + piece.text.length) return { line: piece.line, column: piece.column + Math.max(offset - start, 0) };
    start += piece.text.length + 1;
  }
  const last = command.pieces.at(-1) ?? { text: "", line: 0, column: 0 };
  return { line: last.line, column: last.column + last.text.length };
}

/**
 * The kind of deployment file, by name (compose files by their `services:` when the text is given); undefined for
 * other files and for development files (RULES.md DJP501: dev/local/override/debug words, `.devcontainer/`).
 */
export function deploymentFileKind(file: string, text?: string): DeploymentFileKind | undefined {
  if (isDevelopmentFile(file)) return undefined;
  const name = basename(file);
  if (name === "Procfile") return "procfile";
  if (name.startsWith("Dockerfile")) return "dockerfile";
  if (/\.ya?ml$/i.test(name)) return isComposeFile(file, text) && !(text !== undefined && isDevelopmentCompose(file, text)) ? "compose" : undefined;
  if (/^(entrypoint|start|run|docker-entrypoint)[^.]*(\.(sh|bash))?$/i.test(name)) return "script";
  return undefined;
}

/** Names worth reading to ask deploymentFileKind: every YAML file may be a compose file. */
function mayBeDeploymentFile(file: string): boolean {
  return deploymentFileKind(file) !== undefined || /\.ya?ml$/i.test(file);
}

/** Every command of every deployment file of the project. */
export function deploymentCommands(project: Pick<DjangoProject, "root" | "files">, read: (path: string) => string | undefined): DeploymentCommand[] {
  const out: DeploymentCommand[] = [];
  for (const file of project.files) {
    if (!isUnder(file, project.root) || isInsideToolingFolder(file)) continue;
    if (!mayBeDeploymentFile(file)) continue;
    const text = read(file);
    const kind = text === undefined ? undefined : deploymentFileKind(file, text);
    if (!kind || text === undefined || !deployedFrom(kind, file, text, project.root)) continue;
    appendAll(out, PARSERS[kind](text).map((parsed) => ({ file, kind, ...parsed })));
  }
  return out;
}

/** A script that itself starts containers (`docker run … postgres`, `docker compose up`) runs on a developer's host. */
const STARTS_CONTAINERS = /(?:^|[\s;&|(])(?:docker|podman)(?:-compose|\s+compose)?\s+(?:run|up|start)\b/m;

/**
 * Whether a deployment-shaped file is what a platform runs (readings of RULES.md DJP501 on real projects): a
 * Procfile only at the project's root (Heroku, Dokku and Render read no other; `scripts/Procfile` is honcho's
 * development process list), and a script that starts containers of its own is a host-side helper.
 */
function deployedFrom(kind: DeploymentFileKind, file: string, text: string, root: string): boolean {
  if (kind === "procfile") return dirname(file) === root;
  if (kind === "script") return !STARTS_CONTAINERS.test(text);
  return true;
}

type ParsedCommand = Omit<DeploymentCommand, "file" | "kind">;

const PARSERS: Record<DeploymentFileKind, (text: string) => ParsedCommand[]> = {
  procfile: parseProcfile,
  dockerfile: parseDockerfile,
  compose: parseCompose,
  script: parseScript,
};

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function shellPiece(text: string, line: number, column: number): CommandPiece {
  const trimmed = text.trimEnd();
  const lead = trimmed.length - trimmed.trimStart().length;
  return { text: trimmed.trimStart(), line, column: column + lead };
}

function parseProcfile(text: string): ParsedCommand[] {
  return splitLines(text).flatMap((raw, line) => {
    const match = /^(\s*[\w-]+\s*:)(.*)$/.exec(raw);
    if (!match || raw.trimStart().startsWith("#")) return [];
    return [{ execForm: false, pieces: [shellPiece(match[2], line, match[1].length)] }];
  });
}

/** Shell lines with `\` continuations joined into one command each; comment lines skipped. */
function shellCommands(lines: string[], firstLine: number, firstColumn: number): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  let current: CommandPiece[] = [];
  lines.forEach((raw, index) => {
    const column = index === 0 ? firstColumn : 0;
    const content = stripShellComment(raw);
    const continued = /\\$/.test(content);
    const piece = shellPiece(continued ? content.slice(0, -1) : content, firstLine + index, column);
    if (piece.text) current.push(piece);
    if (!continued) {
      if (current.length > 0) out.push({ execForm: false, pieces: current });
      current = [];
    }
  });
  if (current.length > 0) out.push({ execForm: false, pieces: current });
  return out;
}

/** Offset of an unquoted `#` comment (at the start or after whitespace); -1 when there is none. */
export function unquotedCommentOffset(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "#" && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/** Drops an unquoted `#` comment (at the start or after whitespace). */
function stripShellComment(line: string): string {
  const comment = unquotedCommentOffset(line);
  return comment < 0 ? line : line.slice(0, comment);
}

function parseScript(text: string): ParsedCommand[] {
  return shellCommands(splitLines(text), 0, 0);
}

const INSTRUCTION = /^(\s*)(CMD|ENTRYPOINT)(\s+)/i;

/** CMD and ENTRYPOINT instructions, continuation lines included (comment lines inside are skipped, as Docker does). */
function parseDockerfile(text: string): ParsedCommand[] {
  const lines = splitLines(text);
  const out: ParsedCommand[] = [];
  for (let line = 0; line < lines.length; line++) {
    const match = INSTRUCTION.exec(lines[line]);
    if (!match) continue;
    const segments: CommandPiece[] = [];
    let segment: CommandPiece | undefined = { text: lines[line].slice(match[0].length), line, column: match[0].length };
    while (segment) {
      const continued = /\\\s*$/.test(segment.text);
      segments.push({ ...segment, text: segment.text.replace(/\\\s*$/, "") });
      segment = undefined;
      while (continued && !segment && line + 1 < lines.length) {
        line++;
        if (!lines[line].trimStart().startsWith("#")) segment = { text: lines[line], line, column: 0 };
      }
    }
    out.push(execForm(segments) ?? { execForm: false, pieces: segments.map((s) => shellPiece(s.text, s.line, s.column)).filter((p) => p.text) });
  }
  return out;
}

const STRING_ITEM = /"((?:[^"\\]|\\.)*)"/g;

/** A JSON array of strings as exec-form pieces with their source positions; undefined when it is not one. */
function execForm(segments: CommandPiece[]): ParsedCommand | undefined {
  const joined = segments.map((segment) => segment.text).join(" ").trim();
  if (!joined.startsWith("[") || !joined.endsWith("]")) return undefined;
  let items: unknown;
  try {
    items = JSON.parse(joined);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) return undefined;
  const pieces = segments.flatMap(({ text, line, column }) =>
    [...text.matchAll(STRING_ITEM)].map((match) => ({ text: JSON.parse(match[0]) as string, line, column: column + (match.index ?? 0) + 1 })),
  );
  return pieces.length === items.length ? { execForm: true, pieces } : undefined;
}

const COMPOSE_KEY = /^(\s*)(command|entrypoint)\s*:\s*/;

/** `command:` / `entrypoint:` values of a compose file, without a YAML library: the forms compose files use. */
function parseCompose(text: string): ParsedCommand[] {
  const lines = splitLines(text);
  const out: ParsedCommand[] = [];
  lines.forEach((raw, line) => {
    const match = COMPOSE_KEY.exec(raw);
    if (!match || raw.trimStart().startsWith("#")) return;
    const indent = match[1].length;
    const column = match[0].length;
    const rest = stripShellComment(raw.slice(column));
    const following = continuationLines(lines, line + 1, indent);
    const value = composeValue(rest, column, line, following);
    if (value) out.push(value);
  });
  return out;
}

/** The lines after a key that belong to its value: blank, indented deeper, or a list item at the key's depth. */
function continuationLines(lines: string[], from: number, indent: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (let line = from; line < lines.length; line++) {
    const text = lines[line];
    const depth = text.length - text.trimStart().length;
    if (text.trim() && depth < indent) break;
    if (text.trim() && depth === indent && !/^\s*-/.test(text)) break;
    out.push({ text, line });
  }
  while (out.length > 0 && !out[out.length - 1].text.trim()) out.pop();
  return out;
}

function composeValue(rest: string, column: number, line: number, following: Array<{ text: string; line: number }>): ParsedCommand | undefined {
  const inline = rest.trim();
  if (inline.startsWith("[")) return execForm([{ text: rest.replace(/'/g, '"'), line, column }]);
  if (inline === "" && following.some((f) => /^\s*-/.test(f.text))) return blockList(following);
  if (/^[|>][-+]?$/.test(inline) || inline === "") {
    const pieces = following.filter((f) => f.text.trim() && !f.text.trimStart().startsWith("#")).map((f) => shellPiece(f.text, f.line, 0));
    return pieces.length > 0 ? { execForm: false, pieces } : undefined;
  }
  const first = shellPiece(unquoteScalar(rest), line, column);
  const more = following.filter((f) => f.text.trim()).map((f) => shellPiece(f.text, f.line, 0));
  return { execForm: false, pieces: [first, ...more] };
}

/** A quoted scalar keeps its column: only the quote characters are blanked. */
function unquoteScalar(text: string): string {
  const match = /^(\s*)(["'])(.*)\2\s*$/.exec(text);
  return match ? `${match[1]} ${match[3]}` : text;
}

function blockList(following: Array<{ text: string; line: number }>): ParsedCommand {
  const pieces = following.flatMap(({ text, line }) => {
    const item = /^(\s*-\s*)(["']?)(.*?)\2\s*$/.exec(stripShellComment(text));
    return item ? [{ text: item[3], line, column: item[1].length + item[2].length }] : [];
  });
  return { execForm: true, pieces };
}

// Offsets and positions in a text, counting lines the way LSP (and apply.ts) does: \r\n, \n or \r.
import type { FileEdit, Position, Range } from "../types";

const recentStarts: Array<{ text: string; starts: readonly number[] }> = [];
const RECENT_TEXTS = 4;

/** Offsets of each line's first character. Every fix asks about the same few texts: the last few answers are kept. */
export function lineStarts(text: string): readonly number[] {
  const known = recentStarts.find((entry) => entry.text === text);
  if (known) return known.starts;
  const starts = countLineStarts(text);
  recentStarts.unshift({ text, starts });
  if (recentStarts.length > RECENT_TEXTS) recentStarts.pop();
  return starts;
}

function countLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (ch === 13 || ch === 10) starts.push(i + 1);
  }
  return starts;
}

/** The position just past the last character. */
export function endOfText(text: string): Position {
  const starts = lineStarts(text);
  const line = starts.length - 1;
  return { line, column: text.length - (starts[line] ?? 0) };
}

export function offsetAt(text: string, position: Position): number {
  const start = lineStarts(text)[position.line];
  return start === undefined ? text.length : Math.min(text.length, start + position.column);
}

export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** The line break a file already uses (LF when it has none). */
export function lineBreakOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

export function endsWithLineBreak(text: string): boolean {
  return text.endsWith("\n") || text.endsWith("\r");
}

/** An edit appending `lines` (each ending in the file's line break) at the end of `text`. */
export function appendAt(text: string | undefined, lines: readonly string[]): { range: Range; newText: string } {
  const existing = text ?? "";
  const eol = lineBreakOf(existing);
  const lead = existing.length > 0 && !endsWithLineBreak(existing) ? eol : "";
  const end = endOfText(existing);
  return { range: { start: end, end }, newText: lead + lines.map((line) => line + eol).join("") };
}

/** Add `line` as the last line of `file` (its current text, or undefined when it does not exist yet: then it is created). */
export function appendLineEdit(file: string, text: string | undefined, line: string): FileEdit {
  const edit: FileEdit = { file, edits: [appendAt(text, [line])] };
  if (text === undefined) edit.create = true;
  return edit;
}

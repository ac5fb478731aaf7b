// Applies text edits to texts: the one implementation behind CLI --fix (and anything else that needs it).
import type { FileEdit, Position, TextEdit } from "../types";
import { lineBreakOf, lineStarts } from "./textPositions";

/** Where a line's content ends: before its line break, or at the end of the text for the last line. */
function lineEnd(text: string, starts: readonly number[], line: number): number {
  const next = starts[line + 1];
  if (next === undefined) return text.length;
  const breakLength = text.startsWith("\r\n", next - 2) ? 2 : 1;
  return next - breakLength;
}

/** Past the last line → end of text; past the end of a line → that line's end; never before a byte order mark
 *  (an import inserted at the top of a module with a BOM would push the BOM into the code, which then fails to parse). */
function toOffset(text: string, starts: readonly number[], position: Position): number {
  const start = starts[position.line];
  if (start === undefined) return text.length;
  const offset = Math.min(start + position.column, lineEnd(text, starts, position.line));
  return offset === 0 && text.startsWith("\uFEFF") ? 1 : offset;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  index: number;
}

/** Positions are 0-based lines and UTF-16 columns; edits must not overlap (touching is fine). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  // Fixes write LF; a CRLF file keeps CRLF throughout.
  const crlf = lineBreakOf(text) === "\r\n";
  const resolved: OffsetEdit[] = edits.map((e, index) => ({
    start: toOffset(text, starts, e.range.start),
    end: toOffset(text, starts, e.range.end),
    newText: crlf ? e.newText.replace(/\r?\n/g, "\r\n") : e.newText,
    index,
  }));
  // Insertions at a point go before a replacement starting there, and keep their given order.
  resolved.sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  let previousEnd = 0;
  for (const e of resolved) {
    if (e.end < e.start) throw new Error(`an edit ends before it starts (offset ${e.start})`);
    if (e.start < previousEnd) throw new Error(`overlapping edits at offset ${e.start}`);
    previousEnd = e.end;
  }
  let result = text;
  for (const e of resolved.reverse()) {
    result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  }
  return result;
}

/**
 * The new text of every file the edits touch. Edits to one file are merged (they must not overlap);
 * a file that cannot be read starts empty when an edit creates it, and is an error otherwise.
 */
export function applyFileEdits(
  read: (file: string) => string | undefined,
  fileEdits: readonly FileEdit[],
): Map<string, string> {
  const byFile = new Map<string, { create: boolean; edits: TextEdit[] }>();
  for (const fe of fileEdits) {
    const entry = byFile.get(fe.file) ?? { create: false, edits: [] };
    entry.create ||= fe.create === true;
    entry.edits.push(...fe.edits);
    byFile.set(fe.file, entry);
  }
  const out = new Map<string, string>();
  for (const [file, { create, edits }] of byFile) {
    const original = read(file) ?? (create ? "" : undefined);
    if (original === undefined) throw new Error(`cannot edit ${file}: it cannot be read`);
    out.set(file, applyTextEdits(original, edits));
  }
  return out;
}

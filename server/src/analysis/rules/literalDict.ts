// Whether a dict literal's evaluated entries are all there is: `{**BASE, "k": v}` holds entries the model cannot see.
import type { Position } from "../types";
import type { DictValue } from "../python/values";

function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.column;
}

/** True when every entry of the literal is known: its source holds no `**` unpacking. */
export function isClosedDict(dict: DictValue, read: (path: string) => string | undefined): boolean {
  const text = read(dict.file);
  if (text === undefined) return false;
  return !text.slice(offsetOf(text, dict.range.start), offsetOf(text, dict.range.end)).includes("**");
}

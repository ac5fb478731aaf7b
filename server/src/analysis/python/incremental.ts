// Incremental re-parsing: the editor re-analyses a module on every keystroke, so keep each module's last tree
// and tell tree-sitter what changed (found by comparing the old and new text), which lets it reuse the rest.
import type { Edit, Point, Tree } from "web-tree-sitter";
import { parsePython } from "./parse";

interface Parsed {
  text: string;
  tree: Tree;
}

const recent = new Map<string, Parsed>();
const KEEP = 64;

function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** The single edit turning `before` into `after`: the span between their common prefix and common suffix. */
export function diffEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) suffix++;
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  return {
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, oldEndIndex),
    newEndPosition: pointAt(after, newEndIndex),
  };
}

/** Parse `text` for `file`, reusing the file's previous tree. The tree stays owned by this cache: do not delete it. */
export function parseIncrementally(file: string, text: string): Tree {
  const previous = recent.get(file);
  let tree: Tree;
  if (previous && previous.text === text) return previous.tree;
  if (previous) {
    previous.tree.edit(diffEdit(previous.text, text));
    // Edited, the old tree no longer matches its text: whether the parse ends or is cancelled, it is dropped.
    recent.delete(file);
    try {
      tree = parsePython(text, previous.tree);
    } finally {
      previous.tree.delete();
    }
  } else tree = parsePython(text);
  recent.set(file, { text, tree });
  if (recent.size > KEEP) {
    const [oldestFile, oldest] = recent.entries().next().value as [string, Parsed];
    oldest.tree.delete();
    recent.delete(oldestFile);
  }
  return tree;
}

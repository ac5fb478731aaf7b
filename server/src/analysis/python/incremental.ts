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
/** Trees replaced by a newer parse, not deleted yet: freeing a large tree costs milliseconds, spent after the answer. */
const retired: Tree[] = [];
const RETIRED_LIMIT = 8;

/** Frees the trees newer parses replaced. The editor calls it once its answer is out; it also runs when many wait. */
export function releaseReplacedTrees(): void {
  for (const tree of retired.splice(0)) tree.delete();
}

function retire(tree: Tree): void {
  retired.push(tree);
  if (retired.length > RETIRED_LIMIT) releaseReplacedTrees();
}

function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

const BLOCK = 4096;

/** How far whole blocks agree (compared as slices, which V8 compares a word at a time): the loops finish the rest. */
function commonBlocks(limit: number, same: (at: number, size: number) => boolean): number {
  let agreed = 0;
  while (agreed + BLOCK <= limit && same(agreed, BLOCK)) agreed += BLOCK;
  return agreed;
}

/** The single edit turning `before` into `after`: the span between their common prefix and common suffix. */
export function diffEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let prefix = commonBlocks(shorter, (at, size) => before.slice(at, at + size) === after.slice(at, at + size));
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const sameFromEnd = (at: number, size: number) =>
    before.slice(before.length - at - size, before.length - at) === after.slice(after.length - at - size, after.length - at);
  let suffix = commonBlocks(shorter - prefix, sameFromEnd);
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
      retire(previous.tree);
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

// Cheap tests that skip work whose answer they already know: text pre-filters before a parse, a module read for its
// imports and helpers only, one tree-sitter query instead of a walk. Each must be conservative — the findings are
// the same without it. They are switched off only to prove that: test/cli/shortcuts.test.ts runs the CLI both ways
// (DJANGO_READY_NO_SHORTCUTS=1) over every fixture and example and compares the findings.
let enabled = true;

export function shortcutsEnabled(): boolean {
  return enabled;
}

export function setShortcuts(on: boolean): void {
  enabled = on;
}

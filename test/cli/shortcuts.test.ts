// The analysis's shortcuts (server/src/analysis/shortcuts.ts: the pre-filter that parses only modules that may be
// settings modules, imported modules read for their imports and helpers only, defs naming no env source never walked
// as helpers, one tree-sitter query for calls) must change no finding: the CLI is run with and without them over
// every fixture project, the repository's example and the public conformance examples, and the reports compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ensureBuilt, repoRoot, runCli } from "./helpers";

/** Folders worth checking on their own: each fixture group's projects, the example, the conformance projects. */
function roots(): string[] {
  const out: string[] = [];
  const fixtures = join(repoRoot, "test/fixtures");
  for (const group of readdirSync(fixtures)) {
    const dir = join(fixtures, group);
    if (!statSync(dir).isDirectory()) continue;
    out.push(dir);
    for (const project of readdirSync(dir)) if (statSync(join(dir, project)).isDirectory()) out.push(join(dir, project));
  }
  out.push(join(repoRoot, "examples/insecure-blog"));
  const shared = join(repoRoot, "../shared/examples");
  if (existsSync(shared)) {
    for (const example of readdirSync(shared)) {
      const project = join(shared, example, "project");
      if (existsSync(project)) out.push(project);
    }
  }
  return out;
}

function check(root: string, shortcuts: boolean): string {
  const run = runCli(["check", root, "--format", "json", "--fail-on", "never"], { env: shortcuts ? {} : { DJANGO_READY_NO_SHORTCUTS: "1" } });
  return `exit ${run.status}\n${run.stdout}\n${run.stderr}`;
}

test("the analysis's shortcuts change no finding on any fixture or example", () => {
  ensureBuilt();
  const all = roots();
  assert.ok(all.length > 30, `expected the fixture projects, found ${all.length} folders`);
  let findings = 0;
  for (const root of all) {
    const fast = check(root, true);
    assert.equal(fast, check(root, false), relative(repoRoot, root));
    findings += (fast.match(/"rule":/g) ?? []).length;
  }
  assert.ok(findings > 100, `the roots gave only ${findings} findings: the comparison would prove little`);
});

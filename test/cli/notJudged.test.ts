// What the CLI says about values the analysis cannot see (RULES.md "Known and unknown values"): `check` prints one
// line per project only partly judged; `report` lists "not judged — SETTING: why" in every format and never says
// "Ready for production".
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { copyToTemp, ensureBuilt, removeTemp, repoRoot, runCli } from "./helpers";

let project = "";
before(() => {
  ensureBuilt();
  project = copyToTemp(join(repoRoot, "test/fixtures/realworld-shapes/getattr-configuration/project"));
});
after(() => removeTemp(project));

test("check prints one partly-judged line for the project, after the summary in text and on stderr in json", () => {
  const text = runCli(["check", project, "--fail-on", "never"]);
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.split("\n").filter((line) => line.includes("partly judged"));
  assert.equal(lines.length, 1, text.stdout);
  assert.match(lines[0], /not judged: .*DEBUG/);
  const json = runCli(["check", project, "--format", "json", "--fail-on", "never"]);
  assert.doesNotThrow(() => JSON.parse(json.stdout));
  assert.match(json.stderr, /partly judged/);
});

test("report says not judged, naming the setting and why, in markdown, html and json, and never Ready", () => {
  for (const format of ["markdown", "html", "json"]) {
    const run = runCli(["report", project, "--format", format]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /not judged — DEBUG: read with getattr\(\) at run time/, format);
    assert.doesNotMatch(run.stdout, /Ready for production/, format);
  }
});

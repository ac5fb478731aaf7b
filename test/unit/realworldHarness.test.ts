// The real-world harness scores a run against hand verdicts; these cases pin that scoring down on
// synthetic rows (the real checkouts are not needed).
import { test } from "node:test";
import assert from "node:assert/strict";
// @ts-expect-error: a plain ES module without type declarations
import { PROJECTS, judgementKey, missFound, score, verdictFor } from "../realworld/run.mjs";

const finding = (rule: string, file: string, line: number, message = "m") => ({ rule, file, line, message });

function row(repo: string, judged: ReturnType<typeof finding>[], extra: Record<string, unknown> = {}) {
  return { repo, absent: false, judged, deployed: [], verdicts: [], checks: [], ...extra };
}

test("each listed project names a commit and a shape", () => {
  for (const project of PROJECTS) {
    assert.match(project.repo, /^[^/\s]+\/[^/\s]+$/);
    assert.match(project.commit, /^[0-9a-f]{40}$/);
    assert.ok(project.shape.length > 0 && project.note.length > 0, project.repo);
  }
  assert.equal(new Set(PROJECTS.map((p: { repo: string }) => p.repo)).size, PROJECTS.length);
});

test("findings are counted right, wrong or not judged per rule family", () => {
  const judgements = new Map([
    [judgementKey("a/b", finding("DJP101", "s.py", 3)), { repo: "a/b", rule: "DJP101", file: "s.py", line: 3, verdict: "right" }],
    [judgementKey("a/b", finding("DJP102", "s.py", 4)), { repo: "a/b", rule: "DJP102", file: "s.py", line: 4, verdict: "wrong", cause: "V1" }],
    [judgementKey("a/b", finding("DJP401", "s.py", 1)), { repo: "a/b", rule: "DJP401", file: "s.py", line: 1, verdict: "wrong", cause: "M4" }],
  ]);
  const result = score([row("a/b", [finding("DJP101", "s.py", 3), finding("DJP102", "s.py", 4), finding("DJP303", "s.py", 9)])], judgements);
  assert.deepEqual(result.families.DJP1xx, { right: 1, wrong: 1, unjudged: 0 });
  assert.deepEqual(result.families.DJP3xx, { right: 0, wrong: 0, unjudged: 1 });
  assert.deepEqual(result.wrongLeft.map((w: { cause: string }) => w.cause), ["V1"]);
  assert.deepEqual(result.gone.map((g: { rule: string }) => g.rule), ["DJP401"]);
});

test("only baseline verdicts count as gone, and only for projects that ran", () => {
  const judgements = new Map([
    [judgementKey("a/b", finding("DJP304", "s.py", 7)), { repo: "a/b", rule: "DJP304", file: "s.py", line: 7, verdict: "right", baseline: false }],
    [judgementKey("c/d", finding("DJP101", "s.py", 2)), { repo: "c/d", rule: "DJP101", file: "s.py", line: 2, verdict: "right" }],
  ]);
  assert.deepEqual(score([row("a/b", [])], judgements).gone, []);
});

test("a verdict that depends on the message holds only while the message says so", () => {
  const entry = { verdict: "wrong", cause: "V4", ifMessage: "a live credential", otherwise: { verdict: "right", reason: "called test-mode" } };
  assert.equal(verdictFor(entry, finding("DJP103", "s.py", 1, "…, a live credential anyone…"))?.verdict, "wrong");
  assert.equal(verdictFor(entry, finding("DJP103", "s.py", 1, "…, a test-mode credential anyone…"))?.verdict, "right");
  assert.equal(verdictFor({ verdict: "wrong", ifMessage: "x" }, finding("DJP103", "s.py", 1, "y")), undefined);
});

test("a miss is found by its finding, its deployed module, a verdict that is not Ready, or a not-judged check", () => {
  const base = row("a/b", [finding("DJP304", "s.py", 7)], {
    deployed: [{ module: "proj.settings" }],
    verdicts: [{ project: "proj", verdict: "Not judged: …" }],
    checks: [{ project: "proj", statuses: { logging: "not judged" } }],
  });
  assert.equal(missFound({ kind: "finding", rule: "DJP304", file: "s.py", line: 7 }, base), true);
  assert.equal(missFound({ kind: "finding", rule: "DJP304", file: "s.py", line: 8 }, base), false);
  assert.equal(missFound({ kind: "finding", rule: "DJP304", file: "s.py" }, base), true);
  assert.equal(missFound({ kind: "deployed", module: "proj.settings" }, base), true);
  assert.equal(missFound({ kind: "deployed", module: "proj.settings.prod" }, base), false);
  assert.equal(missFound({ kind: "not-ready", project: "proj" }, base), true);
  assert.equal(missFound({ kind: "finding", rule: "DJP401", file: "p.py", line: 1, orNotJudged: "logging" }, base), true);
  assert.equal(missFound({ kind: "not-ready", project: "proj" }, { ...base, verdicts: [{ project: "proj", verdict: "Ready for production" }] }), false);
});

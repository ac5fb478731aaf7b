// What the CLI does with findings: file filters, order, exit status, rebasing, --fix passes.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { Finding } from "../../server/src/analysis/types";
import { compareFindings } from "../../server/src/analysis/engine";
import { failsOn, keepFiles, rebaseFinding } from "../../server/src/cli/findings";
import { applySafeFixes } from "../../server/src/cli/fix";
import { chooseFixes } from "../../server/src/analysis/fixes/choose";
import { commonRoot, projectRootOf, resolveTargets } from "../../server/src/cli/targets";
import { extractFix, finding } from "./fixtures";
import { removeTemp, tempDir } from "./helpers";

describe("findings", () => {
  test("keepFiles keeps only the named files", () => {
    const all = [finding("a.py", 0, 0), finding("b.py", 0, 0)];
    assert.deepEqual(keepFiles(all, new Set(["b.py"])).map((f) => f.file), ["b.py"]);
    assert.equal(keepFiles(all, undefined).length, 2);
  });

  test("sorted by file, line, column", () => {
    const sorted = [finding("b.py", 0, 0), finding("a.py", 3, 2), finding("a.py", 3, 1), finding("a.py", 1, 9)].sort(compareFindings);
    assert.deepEqual(sorted.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column}`), ["a.py:1:9", "a.py:3:1", "a.py:3:2", "b.py:0:0"]);
  });

  test("exit status for each --fail-on", () => {
    const severities = ["error", "warning", "information", "hint"] as const;
    const expected = {
      error: [true, false, false, false],
      warning: [true, true, false, false],
      information: [true, true, true, false],
      never: [false, false, false, false],
    } as const;
    for (const failOn of ["error", "warning", "information", "never"] as const) {
      const got = severities.map((s) => failsOn([finding("a.py", 0, 0, s)], failOn));
      assert.deepEqual(got, expected[failOn], failOn);
    }
    assert.equal(failsOn([], "information"), false);
  });

  test("rebasing moves the file and the fixes' files", () => {
    const moved = rebaseFinding(finding("mysite/settings.py", 0, 0, "error", "DJP101", [extractFix]), "/w/proj", "/w");
    assert.equal(moved.file, "proj/mysite/settings.py");
    assert.equal(moved.fixes?.[0]?.edits[0]?.file, "proj/mysite/settings.py");
  });
});

describe("--fix passes", () => {
  const insertAt = (file: string, line: number, text: string, safe = true): Finding =>
    finding(file, line, 0, "error", "DJP401", [
      { title: `insert ${text}`, safe, edits: [{ file, edits: [{ range: { start: { line, column: 0 }, end: { line, column: 0 } }, newText: text }] }] },
    ]);

  test("clashing fixes wait for the next pass; unsafe fixes are never chosen", () => {
    const chosen = chooseFixes([insertAt("a.py", 0, "x"), insertAt("a.py", 0, "y"), insertAt("a.py", 1, "z"), insertAt("b.py", 0, "u", false)]);
    assert.deepEqual(chosen.map((c) => c.fix.title), ["insert x", "insert z"]);
  });

  test("applies, writes, re-analyses until nothing is fixable", () => {
    const files = new Map([["a.py", "one\n"]]);
    const written: string[] = [];
    // A fake analysis: one fixable finding per missing marker line.
    const analyze = (): Finding[] => {
      const text = files.get("a.py") ?? "";
      return ["# A\n", "# B\n"].filter((m) => !text.includes(m)).map((m) => insertAt("a.py", 0, m));
    };
    const seen: string[] = [];
    const outcome = applySafeFixes(
      {
        analyze,
        read: (f) => files.get(f),
        writeAll: (texts) => {
          for (const [f, t] of texts) (files.set(f, t), written.push(f));
        },
      },
      { applied: (fix) => seen.push(fix.title) },
    );
    assert.equal(files.get("a.py"), "# B\n# A\none\n");
    assert.deepEqual(seen, ["insert # A\n", "insert # B\n"]);
    assert.deepEqual(outcome.findings, []);
    assert.deepEqual(written, ["a.py", "a.py"]);
  });
});

describe("targets", () => {
  const dir = tempDir();
  after(() => removeTemp(dir));
  mkdirSync(join(dir, "proj/mysite"), { recursive: true });
  writeFileSync(join(dir, "proj/manage.py"), "");
  writeFileSync(join(dir, "proj/mysite/settings.py"), "");
  mkdirSync(join(dir, "loose"));
  writeFileSync(join(dir, "loose/settings.py"), "");

  test("a file's project is the nearest folder with manage.py, else its own folder", () => {
    assert.equal(projectRootOf(join(dir, "proj/mysite/settings.py")), join(dir, "proj"));
    assert.equal(projectRootOf(join(dir, "loose/settings.py")), join(dir, "loose"));
  });

  test("files of one project share a target; a folder PATH wants everything", () => {
    const { targets, missing } = resolveTargets(["proj/mysite/settings.py", "proj/manage.py", "loose", "gone"], dir);
    assert.deepEqual(missing, ["gone"]);
    assert.deepEqual(
      targets.map((t) => [t.root, t.only ? [...t.only].sort() : undefined]),
      [
        [join(dir, "proj"), ["manage.py", "mysite/settings.py"]],
        [join(dir, "loose"), undefined],
      ],
    );
    assert.deepEqual(resolveTargets(["proj/manage.py", "proj"], dir).targets, [{ root: join(dir, "proj") }]);
  });

  test("commonRoot", () => {
    assert.equal(commonRoot(["/a/b/c", "/a/b/d/e"]), "/a/b");
    assert.equal(commonRoot(["/a/b"]), "/a/b");
    assert.equal(commonRoot(["/x", "/y"]), "/");
  });
});

// The public conformance set (../shared/examples): each project, copied outside any git repository, must give
// exactly its expected findings within the default scope (examples/README.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";

const repo = resolve(__dirname, "../..");
const examples = resolve(repo, "../shared/examples");
const cli = join(repo, "dist/cli.js");
const OUT_OF_SCOPE = new Set(["DJP106", "DJP108", "DJP109", "DJP607", ...Array.from({ length: 13 }, (_, i) => `DJP${310 + i}`)]);

interface Expected {
  expected: { rule: string; file: string; line: number }[];
}

function checkCopy(project: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "djready-example-"));
  try {
    cpSync(project, dir, { recursive: true });
    const run = spawnSync(process.execPath, [cli, "check", dir, "--format", "json", "--fail-on", "never"], { encoding: "utf8" });
    assert.equal(run.status, 0, `django-ready exited ${run.status}: ${run.stderr}`);
    const findings: { rule: string; file: string; line: number }[] = JSON.parse(run.stdout).findings;
    return findings.filter((f) => !OUT_OF_SCOPE.has(f.rule) && f.rule !== "DJP002").map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `<name>/expected.json` + `<name>/project/` of a folder of examples, checked the same way. */
function conformanceTests(root: string, label: string): void {
  for (const name of readdirSync(root).filter((n) => existsSync(join(root, n, "expected.json"))).sort()) {
    test(`${label} ${name} gives exactly its expected findings`, () => {
      const expected: Expected = JSON.parse(readFileSync(join(root, name, "expected.json"), "utf8"));
      const want = expected.expected.map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
      const got = checkCopy(join(root, name, "project"));
      const missing = want.filter((w) => !got.includes(w));
      const unexpected = got.filter((g) => !want.includes(g));
      assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
    });
  }
}

if (!existsSync(examples)) {
  test("conformance examples", (t) => t.skip("skipped: ../shared/examples is not beside the repository"));
} else {
  conformanceTests(examples, "conformance example");
}

// The project's own examples in the same format, for rules the public set does not cover yet (DJP110, DJP304, …).
conformanceTests(join(repo, "test/fixtures/conformance"), "conformance fixture");

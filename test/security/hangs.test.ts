// Input a file controls cannot make the analysis quadratic or blow the stack: findings are still reported.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyze } from "../../server/src/analysis/engine";
import { defaultConfig, type FileAccess } from "../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { MANAGE_PY, SETTINGS_PY } from "./hostile";

function memoryAccess(files: Record<string, string>): FileAccess {
  return { files: () => Object.keys(files).sort(), read: (path) => files[path] };
}

async function analyzeFiles(files: Record<string, string>) {
  await initAnalysisFromDisk();
  return analyze(memoryAccess({ "manage.py": MANAGE_PY, "mysite/settings.py": SETTINGS_PY, ...files }), defaultConfig());
}

const rulesOf = (result: Awaited<ReturnType<typeof analyzeFiles>>, file: string) => new Set(result.findings.filter((f) => f.file === file).map((f) => f.rule));

describe("many findings", () => {
  for (const lines of [10_000, 80_000]) {
    test(`${lines} lines of A=1 in a .env: every duplicate reported, no stack overflow`, async () => {
      const result = await analyzeFiles({ ".env": "A=1\n".repeat(lines) });
      assert.deepEqual(result.problems, []);
      assert.equal(result.findings.filter((f) => f.rule === "DJP604").length, lines - 1);
    });
  }

  test("80,000 distinct keys nothing reads: one DJP607 each", async () => {
    const env = Array.from({ length: 80_000 }, (_, i) => `KEY_${i}=1\n`).join("");
    const result = await analyzeFiles({ ".env": env });
    assert.equal(result.findings.filter((f) => f.rule === "DJP607").length, 80_000);
  });
});

describe("deep nesting a file controls", () => {
  const cases: Record<string, string> = {
    "10,000 attributes": `X = x${".a".repeat(10_000)}\n`,
    "5,000 nested brackets": `Y = ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`,
    "3,000 nested calls": `Z = ${"f(".repeat(3_000)}1${")".repeat(3_000)}\n`,
    "10,000 env lookups nested as defaults": `import os\nW = ${'os.environ.get("A", '.repeat(10_000)}"x"${")".repeat(10_000)}\n`,
  };
  for (const [what, line] of Object.entries(cases)) {
    test(`${what} do not stop the analysis of the module`, async () => {
      const result = await analyzeFiles({ "mysite/settings.py": `${line}${SETTINGS_PY}` });
      assert.deepEqual(result.problems, [], "a rule failed");
      assert.ok(rulesOf(result, "mysite/settings.py").has("DJP101"), "the hard-coded SECRET_KEY after the deep line was not reported");
    });
  }
});

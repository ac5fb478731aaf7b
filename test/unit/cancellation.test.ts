// Cooperative cancellation of the core: an analysis asked to stop unwinds at its next checkpoint (a read, a parse,
// a statement, a rule), and what it leaves in the caches never changes a later analysis' findings.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { AnalysisStopped, cancellable } from "../../server/src/analysis/cancellation";
import { analyze } from "../../server/src/analysis/engine";
import { parsePython } from "../../server/src/analysis/python/parse";
import { defaultConfig } from "../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { brief, memoryAccess } from "../support/memory";

const SECRET = "django-insecure-q8w#z5r7t1y4u6i0o-p2a8s4d6f8g0h2j4k3j9x!b2m@";

/** A settings module of a few thousand statements; `variant` changes a comment only, so the findings stay the same. */
function settings(variant: string): string {
  const lines = Array.from({ length: 3000 }, (_, i) => `SETTING_${i} = os.environ.get("VARIABLE_${i}", "default-${i}")`);
  return `# ${variant}\nimport os\n${lines.join("\n")}\nDEBUG = True\nSECRET_KEY = "${SECRET}"\nALLOWED_HOSTS = ["*"]\n`;
}

function files(variant: string): Record<string, string> {
  return {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/settings.py": settings(variant),
    ".env": Array.from({ length: 500 }, (_, i) => `KEY_${i}=value-${i}`).join("\n"),
  };
}

/** A stop request that comes after the analysis asked `checks` times. */
function stopAfter(checks: number): { shouldStop: () => boolean; asked(): number } {
  let asked = 0;
  return { shouldStop: () => ++asked > checks, asked: () => asked };
}

describe("cancelling an analysis", () => {
  before(() => initAnalysisFromDisk());

  it("unwinds with AnalysisStopped wherever the stop comes, and later analyses find exactly what a fresh one does", () => {
    const expected = brief(analyze(memoryAccess(files("reference")), defaultConfig()).findings);
    assert.ok(expected.some((finding) => finding.startsWith("DJP")), "the fixture has findings");
    const counted = stopAfter(Number.POSITIVE_INFINITY);
    analyze(memoryAccess(files("counted")), defaultConfig(), counted.shouldStop);
    const total = counted.asked();
    // From the first read through the parse (tree-sitter's progress callback) and the statements; the last checks
    // are the project's reads and the rules.
    const early = [0, 1, 2, 5, 20, 100, ...[0.1, 0.3, 0.5, 0.7, 0.9].map((share) => Math.floor(total * share))];
    const stops = [...early, ...[200, 160, 120, 80, 60, 40, 30, 20, 10, 5, 2, 1].map((fromEnd) => total - fromEnd)];
    for (const checks of stops) {
      const variant = files(`variant ${checks}`);
      const stop = stopAfter(checks);
      assert.throws(() => analyze(memoryAccess(variant), defaultConfig(), stop.shouldStop), AnalysisStopped, `stopped after ${checks} checks`);
      assert.equal(stop.asked(), checks + 1, "the analysis stopped at the first checkpoint after the request");
      assert.deepEqual(brief(analyze(memoryAccess(variant), defaultConfig()).findings), expected, `after a stop at check ${checks}`);
    }
  });

  it("runs to the end when it is never asked to stop, checking as it goes", () => {
    const stop = stopAfter(Number.POSITIVE_INFINITY);
    const result = analyze(memoryAccess(files("never stopped")), defaultConfig(), stop.shouldStop);
    assert.ok(result.findings.length > 0);
    assert.ok(stop.asked() > 3000, `one check per statement at least (asked ${stop.asked()} times)`);
  });

  it("abandons a single long parse, and the parser starts the next parse afresh", () => {
    const text = settings("parse");
    const stop = stopAfter(3);
    assert.throws(() => cancellable(stop.shouldStop, () => parsePython(text)), AnalysisStopped);
    assert.equal(stop.asked(), 4, "tree-sitter asked the progress callback during the parse");
    const tree = parsePython("A = 1\n");
    assert.equal(tree.rootNode.text, "A = 1\n");
    assert.equal(tree.rootNode.namedChildCount, 1);
    tree.delete();
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import type { Value } from "../../../server/src/analysis/python/values";

function valueOf(source: string, name: string): Value {
  const module = buildPythonModule(`operations-${name}.py`, source);
  const statement = module.statements.find((s) => s.kind === "assign" && s.name === name);
  assert.ok(statement && statement.kind === "assign", name);
  return statement.value;
}

test("arithmetic on numbers is a number, with Python's floor division and modulo", async () => {
  await initAnalysisFromDisk();
  const numbers: Array<[string, number]> = [["20 * 60", 1200], ["60 * 60 * 24 * 365", 31536000], ["7 // 2", 3], ["-7 % 3", 2], ["2 ** 10", 1024], ["1 + 2 - 4", -1]];
  for (const [expression, expected] of numbers) {
    const value = valueOf(`AGE = ${expression}\n`, "AGE");
    assert.deepEqual(value.kind === "number" ? value.value : value.kind, expected, expression);
  }
  assert.equal(valueOf("AGE = 1 / 0\n", "AGE").kind, "other");
  assert.equal(valueOf("AGE = X * 2\n", "AGE").kind, "other");
});

// Evaluated twice per level, a chain of 50 would take 2^50 evaluations: the timeout turns that hang into a failure.
test("a long chain of + evaluates each operand once: every part is kept, in order", { timeout: 120_000 }, async () => {
  await initAnalysisFromDisk();
  const value = valueOf(`MIDDLEWARE = ["a"]${" + EXTRA".repeat(50)}\n`, "MIDDLEWARE");
  assert.equal(value.kind, "other");
  assert.equal(value.kind === "other" ? value.parts?.length : 0, 51);
});

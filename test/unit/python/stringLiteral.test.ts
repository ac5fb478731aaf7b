import { test } from "node:test";
import assert from "node:assert/strict";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { parsePython } from "../../../server/src/analysis/python/parse";
import { decodeStringNode } from "../../../server/src/analysis/python/stringLiteral";

function decoded(source: string) {
  const tree = parsePython(`x = ${source}\n`);
  try {
    const string = tree.rootNode.descendantsOfType("string")[0];
    assert.ok(string, source);
    return decodeStringNode(string);
  } finally {
    tree.delete();
  }
}

test("string literals decode by prefix: escapes, raw, bytes, and interpolation only in f- and t-strings", async () => {
  await initAnalysisFromDisk();
  assert.deepEqual(decoded('"{a}\\n"'), { value: "{a}\n", bytes: false, interpolated: false });
  assert.deepEqual(decoded('r"{a}\\n"'), { value: "{a}\\n", bytes: false, interpolated: false });
  assert.deepEqual(decoded('b"{a}\\x41"'), { value: "{a}A", bytes: true, interpolated: false });
  assert.deepEqual(decoded('u"{{a}}"'), { value: "{{a}}", bytes: false, interpolated: false });
  assert.deepEqual(decoded('f"{{a}}"'), { value: "{a}", bytes: false, interpolated: false });
  for (const prefix of ["f", "F", "rf", "fR", "t", "T"]) {
    assert.equal(decoded(`${prefix}"x{a}"`)?.interpolated, true, prefix);
  }
  assert.deepEqual(decoded('"""one\\\ntwo"""'), { value: "onetwo", bytes: false, interpolated: false });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { diffEdit, parseIncrementally, releaseReplacedTrees } from "../../../server/src/analysis/python/incremental";
import { parsePython } from "../../../server/src/analysis/python/parse";

test("diffEdit finds the changed span with rows and UTF-16 columns", () => {
  const edit = diffEdit('A = "é"\nB = 1\n', 'A = "é"\nB = 22\n');
  assert.deepEqual(
    { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex, pos: edit.startPosition, newEndPos: edit.newEndPosition },
    { start: 12, oldEnd: 13, newEnd: 14, pos: { row: 1, column: 4 }, newEndPos: { row: 1, column: 6 } },
  );
});

test("incremental parses agree with fresh parses over a sequence of edits", async () => {
  await initAnalysisFromDisk();
  const versions = [
    'import os\nSECRET_KEY = "abc"\nDEBUG = True\n',
    'import os\nSECRET_KEY = os.environ.get("SECRET_KEY")\nDEBUG = True\n',
    'import os\nSECRET_KEY = os.environ.get("SECRET_KEY"\nDEBUG = True\n',
    '"""Doc."""\nimport os\nSECRET_KEY = os.environ.get("SECRET_KEY")\nDEBUG = False\nX = {\n  "a": 1,\n}\n',
    "",
    "X = 1\r\nY = '😀'\r\n",
  ];
  for (const text of versions) {
    const incremental = parseIncrementally("incremental-test.py", text).rootNode.toString();
    const fresh = parsePython(text);
    assert.equal(incremental, fresh.rootNode.toString(), JSON.stringify(text));
    fresh.delete();
  }
});

test("diffEdit agrees with a character-by-character comparison on long texts, edits on and off block boundaries", () => {
  const naive = (before: string, after: string) => {
    let prefix = 0;
    while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < Math.min(before.length, after.length) - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    return { startIndex: prefix, oldEndIndex: before.length - suffix, newEndIndex: after.length - suffix };
  };
  const base = Array.from({ length: 700 }, (_, i) => `SETTING_${i} = os.environ.get("VAR_${i}", "x")\n`).join("");
  assert.ok(base.length > 3 * 4096);
  const cases: Array<[string, string]> = [[base, base], ["", base], [base, ""]];
  for (const at of [0, 1, 4095, 4096, 4097, 8192, base.length >> 1, base.length - 4096, base.length - 1, base.length]) {
    cases.push([base, base.slice(0, at) + "#" + base.slice(at)]);
    cases.push([base, base.slice(0, at) + base.slice(at + 1)]);
    cases.push([base, base.slice(0, at) + "SECRET_KEY = 1\n".repeat(50) + base.slice(at)]);
  }
  cases.push([base, base.replace("SETTING_1 ", "SETTING_1X").replace("SETTING_690 ", "SETTING_69Y")]);
  for (const [before, after] of cases) {
    const edit = diffEdit(before, after);
    assert.deepEqual({ startIndex: edit.startIndex, oldEndIndex: edit.oldEndIndex, newEndIndex: edit.newEndIndex }, naive(before, after));
    assert.equal(before.slice(0, edit.startIndex) + after.slice(edit.startIndex, edit.newEndIndex) + before.slice(edit.oldEndIndex), after);
  }
});

test("trees replaced by a newer parse are freed on release, and parsing goes on from the newest", async () => {
  await initAnalysisFromDisk();
  let text = "A = 1\n";
  for (let i = 0; i < 20; i++) {
    text += `B_${i} = "${i}"\n`;
    const tree = parseIncrementally("released-test.py", text);
    if (i % 3 === 0) releaseReplacedTrees();
    const fresh = parsePython(text);
    assert.equal(tree.rootNode.toString(), fresh.rootNode.toString());
    fresh.delete();
  }
  releaseReplacedTrees();
  assert.equal(parseIncrementally("released-test.py", text).rootNode.namedChildCount, 21);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { diffEdit, parseIncrementally } from "../../../server/src/analysis/python/incremental";
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

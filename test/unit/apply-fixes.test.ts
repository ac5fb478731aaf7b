// The pure edit applier behind --fix: positions, ordering, overlaps, multi-file merging, file creation.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyFileEdits, applyTextEdits } from "../../server/src/analysis/fixes/apply";
import type { TextEdit } from "../../server/src/analysis/types";

function edit(line: number, column: number, endLine: number, endColumn: number, newText: string): TextEdit {
  return { range: { start: { line, column }, end: { line: endLine, column: endColumn } }, newText };
}

describe("applyTextEdits", () => {
  test("replaces by 0-based line and column", () => {
    const text = 'import os\nSECRET_KEY = "abc"\n';
    assert.equal(applyTextEdits(text, [edit(1, 13, 1, 18, 'os.environ["SECRET_KEY"]')]), 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n');
  });

  test("applies several edits regardless of their order", () => {
    const text = "a = 1\nb = 2\nc = 3\n";
    const edits = [edit(2, 4, 2, 5, "30"), edit(0, 4, 0, 5, "10")];
    assert.equal(applyTextEdits(text, edits), "a = 10\nb = 2\nc = 30\n");
  });

  test("columns count UTF-16 code units", () => {
    const text = 'NAME = "😀x"\n';
    assert.equal(applyTextEdits(text, [edit(0, 10, 0, 11, "y")]), 'NAME = "😀y"\n');
  });

  test("CRLF and CR line breaks", () => {
    assert.equal(applyTextEdits("a\r\nb\r\nc", [edit(1, 0, 1, 1, "B")]), "a\r\nB\r\nc");
    assert.equal(applyTextEdits("a\rb", [edit(1, 0, 1, 1, "B")]), "a\rB");
  });

  test("a column past the line's end stops before its line break; a line past the end appends", () => {
    assert.equal(applyTextEdits("ab\r\ncd", [edit(0, 99, 0, 99, "!")]), "ab!\r\ncd");
    assert.equal(applyTextEdits("ab\n", [edit(5, 0, 5, 0, "LOGGING = {}\n")]), "ab\nLOGGING = {}\n");
  });

  test("insertions at one point keep their order and go before a replacement there", () => {
    const text = "x = 1\n";
    const edits = [edit(0, 4, 0, 5, "2"), edit(0, 4, 0, 4, "<"), edit(0, 4, 0, 4, ">")];
    assert.equal(applyTextEdits(text, edits), "x = <>2\n");
  });

  test("touching edits are fine; overlapping ones are rejected", () => {
    assert.equal(applyTextEdits("abcdef", [edit(0, 0, 0, 3, "X"), edit(0, 3, 0, 6, "Y")]), "XY");
    assert.throws(() => applyTextEdits("abcdef", [edit(0, 0, 0, 4, "X"), edit(0, 3, 0, 6, "Y")]), /overlapping/);
  });

  test("keeps a BOM and everything outside the edits byte for byte", () => {
    assert.equal(applyTextEdits("\uFEFFa = 1", [edit(0, 5, 0, 6, "2")]), "\uFEFFa = 2");
  });

  test("no edits: the same text", () => {
    assert.equal(applyTextEdits("same\n", []), "same\n");
  });
});

describe("applyFileEdits", () => {
  const files = new Map([
    ["mysite/settings.py", 'SECRET_KEY = "abc"\n'],
    [".gitignore", "*.pyc\n"],
  ]);
  const read = (file: string): string | undefined => files.get(file);

  test("merges edits per file and creates files", () => {
    const out = applyFileEdits(read, [
      { file: "mysite/settings.py", edits: [edit(0, 13, 0, 18, 'os.environ.get("SECRET_KEY")')] },
      { file: "mysite/settings.py", edits: [edit(0, 0, 0, 0, "import os\n")] },
      { file: ".env", create: true, edits: [edit(0, 0, 0, 0, "SECRET_KEY=abc\n")] },
      { file: ".gitignore", edits: [edit(1, 0, 1, 0, ".env\n")] },
    ]);
    assert.deepEqual(Object.fromEntries(out), {
      "mysite/settings.py": 'import os\nSECRET_KEY = os.environ.get("SECRET_KEY")\n',
      ".env": "SECRET_KEY=abc\n",
      ".gitignore": "*.pyc\n.env\n",
    });
  });

  test("create on an existing file edits it", () => {
    const out = applyFileEdits(read, [{ file: ".gitignore", create: true, edits: [edit(1, 0, 1, 0, ".env\n")] }]);
    assert.equal(out.get(".gitignore"), "*.pyc\n.env\n");
  });

  test("editing a file that cannot be read is an error", () => {
    assert.throws(() => applyFileEdits(read, [{ file: "missing.py", edits: [edit(0, 0, 0, 0, "x")] }]), /missing\.py/);
  });

  test("does not touch the files it was given", () => {
    applyFileEdits(read, [{ file: ".gitignore", edits: [edit(0, 0, 0, 0, "x")] }]);
    assert.equal(files.get(".gitignore"), "*.pyc\n");
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDotenv, type DotenvEntry } from "../../../server/src/analysis/dotenv/parse";
import type { Range } from "../../../server/src/analysis/types";

const range = (startLine: number, startColumn: number, endLine: number, endColumn: number): Range => ({
  start: { line: startLine, column: startColumn },
  end: { line: endLine, column: endColumn },
});

function only(text: string): DotenvEntry {
  const { entries } = parseDotenv(text);
  assert.equal(entries.length, 1, `one entry in ${JSON.stringify(text)}`);
  return entries[0] as DotenvEntry;
}

test("a plain assignment has key, value and statement ranges", () => {
  assert.deepEqual(only("A=1"), {
    key: "A",
    value: "1",
    keyRange: range(0, 0, 0, 1),
    valueRange: range(0, 2, 0, 3),
    statementRange: range(0, 0, 0, 3),
    exported: false,
    quote: undefined,
  });
});

test("export, indentation, spaces around '=', quotes and a trailing comment", () => {
  const text = "  export KEY = 'v' # c\n";
  const file = parseDotenv(text);
  assert.deepEqual(file.entries, [
    {
      key: "KEY",
      value: "v",
      keyRange: range(0, 9, 0, 12),
      valueRange: range(0, 15, 0, 18),
      statementRange: range(0, 2, 0, 22),
      exported: true,
      quote: "'",
    },
  ]);
  assert.deepEqual(file.comments, [{ text: "# c", range: range(0, 19, 0, 22), line: 0 }]);
});

test("a multi-line double-quoted value spans lines; the next statement starts after it", () => {
  const { entries } = parseDotenv('A="x\ny"\nB=1\n');
  assert.equal(entries[0]?.value, "x\ny");
  assert.equal(entries[0]?.quote, '"');
  assert.deepEqual(entries[0]?.valueRange, range(0, 2, 1, 2));
  assert.deepEqual(entries[0]?.statementRange, range(0, 0, 1, 2));
  assert.deepEqual(entries[1]?.keyRange, range(2, 0, 2, 1));
});

test("an unquoted value stops before an inline comment and its trailing spaces", () => {
  const file = parseDotenv("A=a b  # note \n");
  assert.equal(file.entries[0]?.value, "a b");
  assert.deepEqual(file.entries[0]?.valueRange, range(0, 2, 0, 5));
  assert.deepEqual(file.entries[0]?.statementRange, range(0, 0, 0, 14));
  assert.deepEqual(file.comments, [{ text: "# note ", range: range(0, 7, 0, 14), line: 0 }]);
});

test("'#' right after '=' is a value; after a space it starts a comment", () => {
  const file = parseDotenv("A=#x\nB= #x\n");
  assert.deepEqual(
    file.entries.map((e) => [e.key, e.value, e.valueRange]),
    [
      ["A", "#x", range(0, 2, 0, 4)],
      ["B", "", range(1, 3, 1, 3)],
    ],
  );
  assert.deepEqual(file.comments.map((c) => c.range), [range(1, 3, 1, 5)]);
});

test("empty values have an empty value range; a bare key has none", () => {
  const file = parseDotenv("A=\nB=   \nC\nexport D\n");
  assert.deepEqual(
    file.entries.map((e) => [e.key, e.value, e.valueRange, e.exported]),
    [
      ["A", "", range(0, 2, 0, 2), false],
      ["B", "", range(1, 5, 1, 5), false],
      ["C", undefined, undefined, false],
      ["D", undefined, undefined, true],
    ],
  );
});

test("a single-quoted key's range leaves out the quotes; keys keep dots and dashes", () => {
  assert.deepEqual(only("'my key'=1").keyRange, range(0, 1, 0, 7));
  assert.equal(only("'my key'=1").key, "my key");
  assert.equal(only("a.b-c=1").key, "a.b-c");
});

test("escapes: double quotes decode \\n \\t \\\\ \\\" \\'; single quotes only \\\\ and \\'", () => {
  assert.equal(only('A="a\\nb\\tc\\\\d\\"e\\\'f\\q"').value, "a\nb\tc\\d\"e'f\\q");
  assert.equal(only("A='a\\'b\\\\c\\n'").value, "a'b\\c\\n");
  assert.equal(only("A=a\\nb").value, "a\\nb");
});

test("interpolation is left as written", () => {
  assert.equal(only("A=${B:-x}/$C").value, "${B:-x}/$C");
  assert.equal(only('A="${B}"').value, "${B}");
});

test("a rejected statement after blank lines: its own line, and the line python-dotenv names", () => {
  const file = parseDotenv("A=1\n\n\nA B\nC=1\n");
  assert.deepEqual(file.errors, [{ line: 3, range: range(3, 0, 3, 3), reportedLine: 2 }]);
  assert.deepEqual(
    file.entries.map((e) => e.key),
    ["A", "C"],
  );
});

test("a rejected multi-line statement covers its lines up to where python-dotenv resumed", () => {
  const file = parseDotenv('  A="a\nb" junk\nC=1\n');
  assert.deepEqual(file.errors, [{ line: 0, range: range(0, 2, 1, 7), reportedLine: 1 }]);
  assert.deepEqual(
    file.entries.map((e) => e.key),
    ["C"],
  );
});

test("an unterminated quote rejects only its first line", () => {
  const file = parseDotenv("A='x\nB=2\n");
  assert.deepEqual(file.errors, [{ line: 0, range: range(0, 0, 0, 4), reportedLine: 1 }]);
  assert.deepEqual(
    file.entries.map((e) => [e.key, e.value]),
    [["B", "2"]],
  );
});

test("comments: whole-line, indented, after a bare key, after export; none inside quotes or rejected lines", () => {
  const text = "# top\n  # django-ready: ignore DJP604\nK # bare\nexport #e\nQ=\"x # y\"\nbad line # no\n";
  const file = parseDotenv(text);
  assert.deepEqual(
    file.comments.map((c) => [c.line, c.text, c.range.start.column]),
    [
      [0, "# top", 0],
      [1, "# django-ready: ignore DJP604", 2],
      [2, "# bare", 2],
      [3, "#e", 7],
    ],
  );
  assert.deepEqual(
    file.entries.map((e) => [e.key, e.value]),
    [
      ["K", undefined],
      ["Q", "x # y"],
    ],
  );
  assert.equal(file.errors.length, 1);
});

test("CRLF: values read LF inside quotes, positions count CRLF as one line break", () => {
  const file = parseDotenv("A=1\r\nB='x\r\ny'\r\nC=3\r\n");
  assert.deepEqual(
    file.entries.map((e) => [e.key, e.value, e.statementRange]),
    [
      ["A", "1", range(0, 0, 0, 3)],
      ["B", "x\ny", range(1, 0, 2, 2)],
      ["C", "3", range(3, 0, 3, 3)],
    ],
  );
});

test("a lone CR is a line break", () => {
  assert.deepEqual(
    parseDotenv("A=1\rB=2").entries.map((e) => [e.key, e.keyRange.start.line]),
    [
      ["A", 0],
      ["B", 1],
    ],
  );
});

test("a BOM is skipped but still counts in columns of the first line", () => {
  const entry = only("\ufeffA=1");
  assert.equal(entry.key, "A");
  assert.deepEqual(entry.keyRange, range(0, 1, 0, 2));
});

test("columns count UTF-16 code units", () => {
  const file = parseDotenv("A='\u{1F389}' # c");
  assert.deepEqual(file.entries[0]?.valueRange, range(0, 2, 0, 6));
  assert.deepEqual(file.comments[0]?.range, range(0, 7, 0, 10));
});

test("empty and blank files have nothing", () => {
  for (const text of ["", "\n\n", "  \t\n", "\ufeff"]) {
    assert.deepEqual(parseDotenv(text), { entries: [], errors: [], comments: [] }, JSON.stringify(text));
  }
});

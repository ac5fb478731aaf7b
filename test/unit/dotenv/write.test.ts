import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDotenv } from "../../../server/src/analysis/dotenv/parse";
import { formatDotenvLine, formatDotenvValue } from "../../../server/src/analysis/dotenv/write";

const values = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../fixtures/dotenv/corpus/round-trip-values.json"), "utf8"),
) as string[];

test("simple values stay bare, the empty value is empty", () => {
  assert.equal(formatDotenvValue("postgres://u:p@h:5432/db"), "postgres://u:p@h:5432/db");
  assert.equal(formatDotenvValue(""), "");
  assert.equal(formatDotenvLine("X", ""), "X=");
});

test("other values are single-quoted with \\ and ' escaped", () => {
  assert.equal(formatDotenvValue("a b"), "'a b'");
  assert.equal(formatDotenvValue("it's a\\b #c"), "'it\\'s a\\\\b #c'");
});

test("line breaks go in double quotes as escapes", () => {
  assert.equal(formatDotenvValue('a\n"b"\r\\'), '"a\\n\\"b\\"\\r\\\\"');
});

test("'${' is written so that interpolation yields it back", () => {
  assert.equal(formatDotenvValue("${HOME}"), "'${:-$}{HOME}'");
  assert.equal(formatDotenvValue("$HOME"), "'$HOME'");
});

test("without '${', the parser (no interpolation) reads back every corpus value", () => {
  for (const value of values.filter((v) => !v.includes("${"))) {
    const entries = parseDotenv(`${formatDotenvLine("K", value)}\nNEXT=1\n`).entries;
    assert.deepEqual(
      entries.map((e) => [e.key, e.value]),
      [
        ["K", value],
        ["NEXT", "1"],
      ],
      JSON.stringify(value),
    );
  }
});

test("keys python-dotenv would not read back are refused", () => {
  for (const key of ["", "A B", "A=B", "#A", "'A", "A\tB", "A\nB"]) {
    assert.throws(() => formatDotenvLine(key, "v"), RangeError, JSON.stringify(key));
  }
  assert.equal(formatDotenvLine("a.b-c", "v"), "a.b-c=v");
});

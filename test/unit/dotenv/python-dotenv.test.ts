// parseDotenv and formatDotenvLine against the real python-dotenv, run once over both corpora.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseDotenv } from "../../../server/src/analysis/dotenv/parse";
import { formatDotenvLine } from "../../../server/src/analysis/dotenv/write";
import { findOracle, type DotenvValues, type OracleAnswer } from "./pythonDotenv";

interface ParseCase {
  name: string;
  text: string;
}

const corpusDir = path.resolve(__dirname, "../../fixtures/dotenv/corpus");
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(corpusDir, name), "utf8"));
const parseCases = readJson("parse-cases.json") as ParseCase[];
const roundTripValues = readJson("round-trip-values.json") as string[];

const workDir = mkdtempSync(path.join(tmpdir(), "django-ready-dotenv-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** Each value written between two other lines, once with LF and once with CRLF line endings. */
const roundTripFiles = roundTripValues.flatMap((value) =>
  ["\n", "\r\n"].map((eol) => ({ value, text: ["BEFORE=1", formatDotenvLine("K", value), "AFTER=2", ""].join(eol) })),
);

function writeAll(prefix: string, texts: string[]): string[] {
  return texts.map((text, i) => {
    const file = path.join(workDir, `${prefix}-${i}.env`);
    writeFileSync(file, text, "utf8");
    return file;
  });
}

let answer: { read: OracleAnswer } | string | undefined;

/** The pinned python-dotenv's answer for both corpora, or why there is none. */
function oracleAnswer(): { read: OracleAnswer } | string {
  if (answer !== undefined) return answer;
  const oracle = findOracle();
  if (typeof oracle === "string") return (answer = oracle);
  const read = oracle.read({
    raw: writeAll("case", parseCases.map((c) => c.text)),
    interpolated: writeAll("round-trip", roundTripFiles.map((f) => f.text)),
  });
  return (answer = { read });
}

/** What dotenv_values would return: later assignments win, first ones fix the order. */
function ourValues(text: string): DotenvValues {
  const values = new Map<string, string | null>();
  for (const entry of parseDotenv(text).entries) values.set(entry.key, entry.value ?? null);
  return [...values];
}

test("the corpora are large enough to mean something", () => {
  assert.ok(parseCases.length >= 70, `only ${parseCases.length} parse cases`);
  assert.ok(roundTripValues.length >= 40, `only ${roundTripValues.length} round-trip values`);
});

test("parseDotenv reads every corpus case as python-dotenv does", async (t) => {
  const oracle = oracleAnswer();
  // Only the pinned release: others differ (0.21 keeps a BOM; 1.2.2 reads `KEY= # c` as a value).
  if (typeof oracle === "string") return t.skip(oracle);
  for (const [i, testCase] of parseCases.entries()) {
    await t.test(testCase.name, () => {
      const file = parseDotenv(testCase.text);
      const ours = { values: ourValues(testCase.text), warned: file.errors.map((e) => e.reportedLine) };
      assert.deepEqual(ours, oracle.read.raw[i], JSON.stringify(testCase.text));
    });
  }
});

test("python-dotenv reads back exactly what formatDotenvLine wrote", async (t) => {
  const oracle = oracleAnswer();
  if (typeof oracle === "string") return t.skip(oracle);
  for (const [i, { value, text }] of roundTripFiles.entries()) {
    await t.test(JSON.stringify(text), () => {
      assert.deepEqual(oracle.read.interpolated[i], [["BEFORE", "1"], ["K", value], ["AFTER", "2"]]);
    });
  }
});

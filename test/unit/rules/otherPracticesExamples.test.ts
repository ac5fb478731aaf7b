import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeFiles, readTree } from "../../support/memory";

const EXAMPLES = "/work/shared/examples";
const RULES = ["DJP201", "DJP202", "DJP203", "DJP401", "DJP402", "DJP403", "DJP404", "DJP405", "DJP501", "DJP502"];

interface Expected {
  expected: Array<{ rule: string; file: string; line: number }>;
}

for (const name of ["blog-single", "portal-logging-storage", "clean-reference", "shop-split-environ", "api-decouple-envfiles"]) {
  test(`${name}: storage, logging and server findings equal expected.json`, async () => {
    const expected = JSON.parse(readFileSync(join(EXAMPLES, name, "expected.json"), "utf8")) as Expected;
    const { findings } = await analyzeFiles(readTree(join(EXAMPLES, name, "project")));
    const key = (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`;
    const actual = findings.filter((f) => RULES.includes(f.rule)).map((f) => key({ rule: f.rule, file: f.file, line: f.range.start.line + 1 }));
    assert.deepEqual(actual.sort(), expected.expected.filter((e) => RULES.includes(e.rule)).map(key).sort());
  });
}

// The public conformance examples, read outside any repository (their .gitignore files decide): the env-file
// findings in the default scope (DJP601–DJP606; DJP607 is out of scope) must be exactly the expected ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyzeFiles, brief, readTree } from "../../support/memory";

const examples = resolve(__dirname, "../../../../shared/examples");
const IN_SCOPE = ["DJP601", "DJP602", "DJP603", "DJP604", "DJP605", "DJP606"];

interface Expected {
  expected: { rule: string; file: string; line: number }[];
}

const names = existsSync(examples) ? readdirSync(examples).filter((name) => existsSync(join(examples, name, "expected.json"))).sort() : [];

test("the conformance examples are beside the repository", { skip: names.length === 0 && "../shared/examples is missing" }, () => {
  assert.ok(names.length >= 5);
});

for (const name of names) {
  test(`example ${name}: env-file findings are exactly the expected ones`, async () => {
    const expected: Expected = JSON.parse(readFileSync(join(examples, name, "expected.json"), "utf8"));
    const want = expected.expected.filter((f) => IN_SCOPE.includes(f.rule)).map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
    const { findings } = await analyzeFiles(readTree(join(examples, name, "project")));
    assert.deepEqual(brief(findings, IN_SCOPE), want);
  });
}

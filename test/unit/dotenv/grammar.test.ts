// The TextMate grammar against the annotated samples in test/grammar (vscode-tmgrammar-test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../../..");
const grammarPath = "syntaxes/dotenv.tmLanguage.json";

interface Manifest {
  contributes: {
    languages?: Array<{ id: string; configuration?: string }>;
    grammars?: Array<{ language: string; scopeName: string; path: string }>;
  };
}

test("every annotated grammar sample passes vscode-tmgrammar-test", () => {
  const samples = readdirSync(path.join(repoRoot, "test/grammar")).filter((f) => f.endsWith(".env"));
  assert.ok(samples.length > 0, "no samples in test/grammar");
  const cli = path.join(repoRoot, "node_modules/vscode-tmgrammar-test/dist/unit.js");
  const result = spawnSync(process.execPath, [cli, "-c", "-g", grammarPath, "test/grammar/**/*.env"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  for (const sample of samples) assert.match(result.stdout, new RegExp(`test/grammar/${sample}`), `${sample} not run`);
});

test("package.json contributes the dotenv language with its grammar and configuration", () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Manifest;
  const language = manifest.contributes.languages?.find((l) => l.id === "dotenv");
  const grammar = manifest.contributes.grammars?.find((g) => g.language === "dotenv");
  assert.ok(language?.configuration && existsSync(path.join(repoRoot, language.configuration)));
  assert.ok(grammar && existsSync(path.join(repoRoot, grammar.path)));
  const tmLanguage = JSON.parse(readFileSync(path.join(repoRoot, grammar.path), "utf8")) as { scopeName: string };
  assert.equal(tmLanguage.scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, "source.dotenv");
});

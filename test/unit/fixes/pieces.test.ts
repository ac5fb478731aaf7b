// The fix builders' parts: names, .env formats per loader, .gitignore decisions, import placement.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyTextEdits } from "../../../server/src/analysis/fixes/apply";
import { gitignoreEdit } from "../../../server/src/analysis/fixes/gitignore";
import { osImportEdit } from "../../../server/src/analysis/fixes/imports";
import { formatEnvValue } from "../../../server/src/analysis/fixes/loaders";
import { baseEnvName, chooseName } from "../../../server/src/analysis/fixes/naming";
import { osIdiom } from "../../../server/src/analysis/fixes/idiom";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { memoryAccess } from "../../support/memory";
import { contextFor } from "./harness";

test("names: module-level settings keep theirs, DATABASES become DB_…, other dicts join setting and keys", () => {
  assert.equal(baseEnvName("EMAIL_HOST_PASSWORD", []), "EMAIL_HOST_PASSWORD");
  assert.equal(baseEnvName("DATABASES", ["default", "PASSWORD"]), "DB_PASSWORD");
  assert.equal(baseEnvName("DATABASES", ["replica-1", "PASSWORD"]), "DB_REPLICA_1_PASSWORD");
  assert.equal(baseEnvName("CACHES", ["default", "LOCATION"]), "CACHES_DEFAULT_LOCATION");
  assert.equal(baseEnvName("SENTRY", ["dsn"]), "SENTRY_DSN");
});

test("names: a key with the same value is reused, one with another value or read elsewhere is skipped", () => {
  const facts = { envValues: new Map([["X", "a"], ["X_2", "b"]]), read: new Set(["X_3"]) };
  assert.deepEqual(chooseName("X", facts, (v) => v === "b"), { name: "X_2", reused: true });
  assert.deepEqual(chooseName("X", facts, (v) => v === "c"), { name: "X_4", reused: false });
});

test(".env formats: every loader of the idiom reads the value back, or there is no format", () => {
  assert.equal(formatEnvValue("plain", ["python-dotenv"]), "plain");
  assert.equal(formatEnvValue("it's", ["python-dotenv", "decouple"]), `"it's"`);
  assert.equal(formatEnvValue("two\nlines", ["python-dotenv"]), `"two\\nlines"`);
  assert.equal(formatEnvValue("two\nlines", ["python-dotenv", "decouple"]), undefined);
  assert.equal(formatEnvValue("$other", ["python-dotenv", "django-environ"]), undefined, "django-environ reads $x as a reference");
  assert.equal(formatEnvValue("nul\0byte", ["python-dotenv"]), undefined);
  assert.equal(formatEnvValue("a\\b c", ["python-dotenv", "django-environ"]), `'a\\b c'`);
});

test(".gitignore: git's ignored status and existing patterns need nothing; tracked or unmatched get an entry", async () => {
  const files = { "manage.py": "", "mysite/settings.py": "SECRET_KEY = 'x'\n", ".gitignore": "*.pyc\n" };
  const plain = await contextFor(memoryAccess(files));
  assert.deepEqual(gitignoreEdit(plain.access, plain.project, ".env")?.edits[0]?.newText, ".env\n");
  assert.equal(gitignoreEdit(memoryAccess(files, () => "ignored"), plain.project, ".env"), undefined);
  assert.ok(gitignoreEdit(memoryAccess(files, () => "tracked"), plain.project, ".env"));
  const listed = memoryAccess({ ...files, ".gitignore": "*.pyc\n.env*\n!.env.example\n" });
  assert.equal(gitignoreEdit(listed, plain.project, ".env"), undefined);
  const negatedBelow = memoryAccess({ ...files, ".gitignore": ".env\n", "sub/.gitignore": "!.env\n" });
  assert.ok(gitignoreEdit(negatedBelow, { ...plain.project, root: "sub" }, "sub/.env"), "a deeper negation un-ignores");
  const noFinalNewline = memoryAccess({ ...files, ".gitignore": "*.pyc" });
  assert.equal(gitignoreEdit(noFinalNewline, plain.project, ".env")?.edits[0]?.newText, "\n.env\n");
});

test("import os goes after the docstring and __future__ imports, also when the file ends without a line break", async () => {
  await initAnalysisFromDisk();
  const cases: Array<[string, string]> = [
    [`"""Doc."""\nfrom __future__ import annotations\nX = 1\n`, `"""Doc."""\nfrom __future__ import annotations\nimport os\nX = 1\n`],
    [`"""Doc."""`, `"""Doc."""\nimport os\n`],
    [`X = 1\r\n`, `import os\r\nX = 1\r\n`],
  ];
  for (const [text, expected] of cases) {
    const module = buildPythonModule("s.py", text);
    const edit = osImportEdit(module, osIdiom(module));
    assert.ok(edit);
    assert.equal(applyTextEdits(text, [edit]), expected);
  }
  const withOs = buildPythonModule("s.py", "import os as _os\n");
  assert.equal(osImportEdit(withOs, osIdiom(withOs)), undefined);
  assert.equal(osIdiom(withOs).callee, "_os");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { envDefinitions, envKeyAt, envKeyCompletions, envLookupAt, envReferences, projectOfFile } from "../../server/src/analysis/envLinks";
import { defaultConfig } from "../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { memoryAccess } from "../support/memory";
import { ALNUM, fake } from "./secrets/fakeTokens";
import { projectOf } from "./rules/envFilesHelpers";

const secret = fake(ALNUM, 40);
const settings = [
  "import os",
  "import environ",
  "env = environ.Env()",
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  'DEBUG = env.bool("DEBUG", default=False)',
  'DATABASES = {"default": env.db()}',
  'OTHER = os.getenv("SECRET_KEY")',
].join("\n");

const files = {
  "manage.py": "",
  "mysite/settings.py": `${settings}\n`,
  ".env.example": "SECRET_KEY=change-me\nDEBUG=\nLEGACY\n",
  ".env": `# local\nSECRET_KEY=${secret}\nDEBUG=1\nDATABASE_URL=sqlite:///db.sqlite3\n`,
  "deploy/app.vars": "SECRET_KEY=abc\n",
  "docker-compose.yml": "services:\n  web:\n    env_file: deploy/app.vars\n",
};

test("envLookupAt finds the lookup whose variable string holds the cursor, ends included", async () => {
  const { project } = await projectOf(files);
  const module = project.settings[0]!.python;
  assert.equal(envLookupAt(module, { line: 3, column: 24 })?.variable, "SECRET_KEY");
  assert.equal(envLookupAt(module, { line: 3, column: 36 })?.variable, "SECRET_KEY");
  assert.equal(envLookupAt(module, { line: 4, column: 20 })?.variable, "DEBUG");
  assert.equal(envLookupAt(module, { line: 3, column: 5 }), undefined);
});

test("envDefinitions lists every definition, runtime env files first, with masked values only", async () => {
  const { project, access } = await projectOf(files);
  const definitions = envDefinitions(project, access, "SECRET_KEY");
  assert.deepEqual(
    definitions.map((d) => [d.file, d.range.start.line, d.maskedValue]),
    [
      [".env", 1, `${secret.slice(0, 4)}••••`],
      ["deploy/app.vars", 0, "••••"],
      [".env.example", 0, "chan••••"],
    ],
  );
  assert.deepEqual(definitions[0]?.range, { start: { line: 1, column: 0 }, end: { line: 1, column: 10 } });
  assert.ok(JSON.stringify(definitions).indexOf(secret) < 0);
  assert.deepEqual(envDefinitions(project, access, "NOPE"), []);
});

test("envKeyCompletions gives each key once, from a runtime file where there is one", async () => {
  const { project, access } = await projectOf(files);
  assert.deepEqual(
    envKeyCompletions(project, access).map((c) => [c.key, c.file, c.maskedValue]),
    [
      ["DATABASE_URL", ".env", "sqli••••"],
      ["DEBUG", ".env", "••••"],
      ["SECRET_KEY", ".env", `${secret.slice(0, 4)}••••`],
    ],
  );
});

test("envReferences finds the lookups reading a key, django-environ's default names included", async () => {
  const { project } = await projectOf(files);
  const at = (key: string) => envReferences(project, key).map((r) => `${r.file}:${r.range.start.line}:${r.range.start.column}`);
  assert.deepEqual(at("SECRET_KEY"), ["mysite/settings.py:3:24", "mysite/settings.py:6:18"]);
  assert.deepEqual(at("DATABASE_URL"), ["mysite/settings.py:5:24"]);
  assert.deepEqual(at("LEGACY"), []);
});

test("envKeyAt finds the key under the cursor in an env file, not in its value or comments", () => {
  const text = "# SECRET_KEY here\nexport SECRET_KEY=x\n'QUOTED'=1\n";
  assert.deepEqual(envKeyAt(".env", text, { line: 1, column: 10 }), {
    file: ".env",
    key: "SECRET_KEY",
    range: { start: { line: 1, column: 7 }, end: { line: 1, column: 17 } },
  });
  assert.equal(envKeyAt(".env", text, { line: 2, column: 3 })?.key, "QUOTED");
  assert.equal(envKeyAt(".env", text, { line: 1, column: 19 }), undefined);
  assert.equal(envKeyAt(".env", text, { line: 0, column: 5 }), undefined);
});

test("hover/definition/references follow a project helper imported from another module", async () => {
  await initAnalysisFromDisk();
  const helperFiles = {
    "manage.py": "",
    "mysite/envtools.py": "import os\n\ndef envbool(name, default=False):\n    return os.getenv(name, str(default)) == 'True'\n",
    "mysite/settings.py": 'from mysite.envtools import envbool\nDEBUG = envbool("DJANGO_DEBUG", False)\nSECRET_KEY = "x"\nINSTALLED_APPS = []\nROOT_URLCONF = "u"\n',
    ".env": "DJANGO_DEBUG=True\n",
  };
  const access = memoryAccess(helperFiles);
  const project = projectOfFile(access, defaultConfig(), "mysite/settings.py");
  assert.ok(project);
  const module = project.settings.find((m) => m.file === "mysite/settings.py")!.python;
  assert.equal(envLookupAt(module, { line: 1, column: 18 })?.variable, "DJANGO_DEBUG");
  assert.deepEqual(envDefinitions(project, access, "DJANGO_DEBUG").map((d) => d.file), [".env"]);
  assert.deepEqual(envReferences(project, "DJANGO_DEBUG").map((r) => [r.file, r.range.start.line]), [["mysite/settings.py", 1]]);
});

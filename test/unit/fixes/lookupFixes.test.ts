// DJP105 "Make <NAME> required" and DJP107 typed parses, in every idiom: the rewritten code, its syntax,
// and (with the rule context) the dropped default kept in .env.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyTextEdits } from "../../../server/src/analysis/fixes/apply";
import { dropDefaultFix } from "../../../server/src/analysis/fixes/dropDefault";
import { typedParseFix } from "../../../server/src/analysis/fixes/typedParse";
import type { ParseType } from "../../../server/src/analysis/fixes/typed";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import type { Fix } from "../../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { memoryAccess } from "../../support/memory";
import { applyFix, contextFor } from "./harness";

/** The module's text after the fix's edits to it. */
function rewritten(text: string, fix: Fix | undefined): string {
  assert.ok(fix, "a fix is offered");
  const edits = fix.edits.filter((e) => e.file === "s.py").flatMap((e) => e.edits);
  const out = applyTextEdits(text, edits);
  assert.equal(buildPythonModule("s.py", out).syntaxErrors, 0, out);
  return out;
}

test("drop the default in every idiom", async () => {
  await initAnalysisFromDisk();
  const cases: Array<[string, string]> = [
    [`import os\nK = os.environ.get("K", "lit")\n`, `import os\nK = os.environ.get("K")\n`],
    [`import os\nK = os.getenv("K", default="lit")\n`, `import os\nK = os.getenv("K")\n`],
    [`import environ\nenv = environ.Env()\nK = env("K", default="lit")\n`, `import environ\nenv = environ.Env()\nK = env("K")\n`],
    [`import environ\nenv = environ.Env()\nK = env.str("K", cast=str, default="lit")\n`, `import environ\nenv = environ.Env()\nK = env.str("K", cast=str)\n`],
    [`from decouple import config\nK = config("K", default="lit", cast=str)\n`, `from decouple import config\nK = config("K", cast=str)\n`],
    [`import os\nK = os.environ.get(\n    "K",\n    "lit",\n)\n`, `import os\nK = os.environ.get(\n    "K",\n)\n`],
  ];
  for (const [text, expected] of cases) {
    const module = buildPythonModule("s.py", text);
    const lookup = module.envLookups[0];
    assert.ok(lookup);
    const fix = dropDefaultFix(module, lookup);
    assert.equal(rewritten(text, fix), expected);
    assert.equal(fix?.safe, false, "without the context the value is not kept anywhere");
  }
});

test("drop the default with the rule context: the value goes to .env unless .env defines the variable", async () => {
  const settings = `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-abc")\n`;
  const files = { "manage.py": "", "mysite/settings.py": settings };
  const context = await contextFor(memoryAccess(files));
  const module = context.project.settings[0];
  assert.ok(module);
  const lookup = module.python.envLookups[0];
  assert.ok(lookup);
  const fix = dropDefaultFix(module, lookup, context);
  assert.ok(fix?.safe);
  const fixed = applyFix(files, fix);
  // Nothing loads .env in this project: the loader comes in the same edit, or the moved value would never arrive.
  assert.equal(
    fixed["mysite/settings.py"],
    `import os\nfrom dotenv import load_dotenv\n\n# Read the project's .env file; variables already set in the environment win.\nload_dotenv(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".env"))\n\nSECRET_KEY = os.environ.get("SECRET_KEY")\n`,
  );
  assert.equal(fixed[".env"], "SECRET_KEY=django-insecure-abc\n");

  const defined = { ...files, ".env": "SECRET_KEY=local\n" };
  const again = await contextFor(memoryAccess(defined));
  const kept = dropDefaultFix(again.project.settings[0]!, again.project.settings[0]!.python.envLookups[0]!, again);
  assert.deepEqual(kept?.edits.map((e) => e.file), ["mysite/settings.py", ".gitignore", "mysite/settings.py"]);
});

test("typed parses in every idiom", async () => {
  await initAnalysisFromDisk();
  const cases: Array<[string, ParseType, string]> = [
    [`import os\nDEBUG = os.environ.get("DEBUG", False)\n`, "bool", `import os\nDEBUG = os.environ.get("DEBUG", "False").lower() in ("1", "true", "yes", "on")\n`],
    [`import os\nDEBUG = os.getenv("DEBUG", "True")\n`, "bool", `import os\nDEBUG = os.getenv("DEBUG", "True").lower() in ("1", "true", "yes", "on")\n`],
    [`import environ\nenv = environ.Env()\nDEBUG = env("DEBUG")\n`, "bool", `import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default=False)\n`],
    [`import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default="False")\n`, "bool", `import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default=False)\n`],
    [`from decouple import config\nDEBUG = config("DEBUG")\n`, "bool", `from decouple import config\nDEBUG = config("DEBUG", default=False, cast=bool)\n`],
    [`import os\nSECURE_HSTS_SECONDS = os.environ.get("HSTS", "3600")\n`, "int", `import os\nSECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "3600"))\n`],
    [`from decouple import config\nEMAIL_PORT = config("EMAIL_PORT", 587)\n`, "int", `from decouple import config\nEMAIL_PORT = config("EMAIL_PORT", default=587, cast=int)\n`],
    [`import os\nALLOWED_HOSTS = os.getenv("HOSTS", "a.com, b.com")\n`, "list", `import os\nALLOWED_HOSTS = [h.strip() for h in os.getenv("HOSTS", "a.com,b.com").split(",") if h.strip()]\n`],
    [`import environ\nenv = environ.Env()\nALLOWED_HOSTS = env("HOSTS", default=["a"])\n`, "list", `import environ\nenv = environ.Env()\nALLOWED_HOSTS = env.list("HOSTS", default=["a"])\n`],
  ];
  for (const [text, type, expected] of cases) {
    const module = buildPythonModule("s.py", text);
    const lookup = module.envLookups[0];
    assert.ok(lookup);
    assert.equal(rewritten(text, typedParseFix(module, lookup, type)), expected);
  }
});

test("a typed parse replaces the expression around the lookup, and an int without a default is unsafe", async () => {
  await initAnalysisFromDisk();
  const text = `from os import getenv\nDEBUG = bool(getenv("DEBUG"))\nCONN_MAX_AGE = getenv("AGE")\n`;
  const module = buildPythonModule("s.py", text);
  const [debug, age] = module.envLookups;
  assert.ok(debug && age);
  const around = { start: { line: 1, column: 8 }, end: { line: 1, column: 29 } };
  assert.equal(
    rewritten(text, typedParseFix(module, debug, "bool", around)),
    `import os\nfrom os import getenv\nDEBUG = os.getenv("DEBUG", "False").lower() in ("1", "true", "yes", "on")\nCONN_MAX_AGE = getenv("AGE")\n`,
  );
  const required = typedParseFix(module, age, "int");
  assert.equal(required?.safe, false);
  assert.ok(rewritten(text, required).includes(`CONN_MAX_AGE = int(os.environ["AGE"])`));
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles } from "../../support/memory";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";

const cases: Array<[string, string, string]> = [
  ["os.environ.get with a bool default", 'import os\nDEBUG = os.environ.get("DEBUG", False)\n', "DEBUG"],
  ["bool() around os.getenv", 'import os\nDEBUG = bool(os.getenv("DEBUG"))\n', "DEBUG"],
  ["an int setting", 'import os\nEMAIL_PORT = os.environ.get("EMAIL_PORT", "587")\n', "EMAIL_PORT"],
  ["a list setting", 'import os\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "")\n', "ALLOWED_HOSTS"],
  ["decouple without cast", 'from decouple import config\nDEBUG = config("DEBUG", default=False)\n', "DEBUG"],
  ["django-environ with a string default", 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default="False")\n', "DEBUG"],
];

for (const [name, text, setting] of cases) {
  test(`DJP107 fix (${name}) parses the value, and checking again reports no DJP107`, async () => {
    const file = "mysite/settings.py";
    const before = await analyzeFiles({ [file]: text });
    const finding = before.findings.find((f) => f.rule === "DJP107");
    assert.ok(finding, `DJP107 expected for ${setting}`);
    const fix = finding.fixes?.[0];
    assert.ok(fix, "a fix is offered");
    const fixed = applyFileEdits((f) => (f === file ? text : undefined), fix.edits).get(file)!;
    const after = await analyzeFiles({ [file]: fixed });
    assert.deepEqual(after.findings.filter((f) => f.rule === "DJP107"), [], fixed);
    assert.ok(fixed.includes(setting));
  });
}

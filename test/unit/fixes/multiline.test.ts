// A multi-line secret (a PEM key) in a django-environ project moves to `.env` as one escaped line, read back with
// `multiline=True` — instead of being left in the code because `read_env` reads one line per variable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE64, fake } from "../secrets/fakeTokens";
import { fixUntilClean, type FileMap } from "./harness";
import { formatMultilineEnvironValue } from "../../../server/src/analysis/fixes/loaders";

const pem = ["-----BEGIN PRIVATE KEY-----", fake(BASE64, 64, 3), fake(BASE64, 64, 4), "-----END PRIVATE KEY-----"].join("\n");

/** A django-environ project holding a PEM key in its settings, fixed with `environRequirement` declared. */
function fixPemProject(environRequirement: string) {
  const files: FileMap = {
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n`,
    "mysite/settings.py": `import environ\nenv = environ.Env()\nenviron.Env.read_env()\nJWT_PRIVATE_KEY = """${pem}"""\n`,
    "requirements.txt": `Django>=5.2\n${environRequirement}\n`,
  };
  return fixUntilClean(files, ["DJP102", "DJP103"], new Set());
}

test("a PEM key under django-environ is moved with multiline=True, and .env holds it on one line", async () => {
  const run = await fixPemProject("django-environ>=0.11");
  assert.equal(run.applied.length, 1);
  assert.match(run.files["mysite/settings.py"] ?? "", /^JWT_PRIVATE_KEY = env\.str\("JWT_PRIVATE_KEY", multiline=True\)$/m);
  const line = (run.files[".env"] ?? "").split("\n").find((l) => l.startsWith("JWT_PRIVATE_KEY="));
  assert.equal(line, `JWT_PRIVATE_KEY="${pem.replace(/\n/g, "\\n")}"`);
  assert.doesNotMatch(run.files["mysite/settings.py"] ?? "", /BEGIN PRIVATE KEY/);
});

test("without a declared django-environ 0.10 or newer (multiline= raises before it) the PEM key is not moved", async () => {
  const run = await fixPemProject("django-environ==0.4.4");
  assert.equal(run.applied.length, 0);
  assert.match(run.files["mysite/settings.py"] ?? "", /BEGIN PRIVATE KEY/);
});

test("the multi-line format refuses what it cannot carry exactly", () => {
  assert.equal(formatMultilineEnvironValue("one line"), undefined);
  assert.equal(formatMultilineEnvironValue("a\\b\nc"), undefined);
  assert.equal(formatMultilineEnvironValue("a\r\nb"), undefined);
  assert.equal(formatMultilineEnvironValue("a\n${HOME}"), undefined);
  assert.equal(formatMultilineEnvironValue('a\n"b"'), '"a\\n\\"b\\""');
});

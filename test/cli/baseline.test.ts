// `django-ready baseline` then `check --baseline`: exit 0 until a new secret is added anywhere, also after lines
// are inserted above the old ones; pyproject's baseline key; stale entries; a broken baseline file.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ALNUM, fake } from "../unit/secrets/fakeTokens";
import { commitAll, hasGit, initRepo, writeFiles } from "./gitRepo";
import { ensureBuilt, hasStackTrace, removeTemp, runCli, tempDir } from "./helpers";

before(ensureBuilt);

const OLD_KEY = fake(ALNUM, 50, 21);
const OLD_PASSWORD = fake(ALNUM, 20, 22);
const NEW_PASSWORD = fake(ALNUM, 20, 23);

const SETTINGS = [
  "import os",
  "",
  `SECRET_KEY = "${OLD_KEY}"`,
  "DEBUG = False",
  'ALLOWED_HOSTS = ["example.com"]',
  "INSTALLED_APPS = []",
  `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "${OLD_PASSWORD}"}}`,
  "",
].join("\n");

function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/settings.py": SETTINGS,
    "mysite/other.py": "X = 1\n",
  });
  return dir;
}

describe("baseline then check --baseline", () => {
  let dir = "";
  const settings = () => join(dir, "mysite/settings.py");
  const baselineFile = () => join(dir, ".django-ready-baseline.json");
  before(() => (dir = project()));
  after(() => removeTemp(dir));

  test("the baseline is written to PATH by default and holds no secret", () => {
    assert.equal(runCli(["check", dir]).status, 1);
    const run = runCli(["baseline", dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /wrote \d+ findings \(\d+ entries\)/);
    const text = readFileSync(baselineFile(), "utf8");
    assert.ok(!text.includes(OLD_KEY.slice(0, 10)) && !text.includes(OLD_PASSWORD.slice(0, 10)), text);
    assert.match(text, /"rule":"DJP101","file":"mysite\/settings.py"/);
  });

  test("check --baseline exits 0 and says how many findings it left out", () => {
    const run = runCli(["check", dir, "--baseline", baselineFile()]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /No problems found/);
    assert.match(run.stderr, /\d+ findings left out: in the baseline/);
  });

  test("still 0 after lines are inserted above the old secrets", () => {
    writeFileSync(settings(), `"""Settings."""\n# a comment\n\nTIME_ZONE = "UTC"\n${readFileSync(settings(), "utf8")}`);
    const run = runCli(["check", dir, "--baseline", baselineFile(), "--format", "json"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  test("a new secret anywhere fails, and only it is reported", () => {
    writeFileSync(settings(), `${readFileSync(settings(), "utf8")}EMAIL_HOST_PASSWORD = "${NEW_PASSWORD}"\n`);
    const run = runCli(["check", dir, "--baseline", baselineFile(), "--format", "json"]);
    assert.equal(run.status, 1);
    const out = JSON.parse(run.stdout) as { findings: { rule: string; line: number }[] };
    assert.deepEqual(out.findings.map((f) => f.rule), ["DJP102"]);
    assert.ok(!run.stdout.includes(NEW_PASSWORD) && !run.stderr.includes(NEW_PASSWORD));
  });

  test("a second identical secret in another file is new too", () => {
    writeFileSync(settings(), SETTINGS);
    writeFiles(dir, { "mysite/settings/__init__.py": "", "mysite/settings/prod.py": `SECRET_KEY = "${OLD_KEY}"\n` });
    const run = runCli(["check", dir, "--baseline", baselineFile(), "--format", "json"]);
    assert.equal(run.status, 1, run.stdout);
    const out = JSON.parse(run.stdout) as { findings: { rule: string; file: string }[] };
    assert.ok(out.findings.some((f) => f.rule === "DJP101" && f.file === "mysite/settings/prod.py"), run.stdout);
  });

  test("fixed findings leave entries that match nothing: named so they can be dropped", () => {
    writeFiles(dir, { "mysite/settings/prod.py": "" });
    writeFileSync(settings(), SETTINGS.replace(`"${OLD_KEY}"`, 'os.environ["SECRET_KEY"]'));
    const run = runCli(["check", dir, "--baseline", baselineFile()]);
    assert.match(run.stderr, /baseline entr(y matches|ies match) nothing any more and can be dropped/);
    assert.match(run.stderr, /mysite\/settings.py: DJP101 [0-9a-f]{16}/);
  });
});

describe("a new secret in a tracked .env (one file-level DJP602)", { skip: hasGit() ? false : "git is not installed" }, () => {
  test("is a new finding; a new non-credential key is not", () => {
    const dir = project();
    try {
      initRepo(dir);
      writeFiles(dir, { "mysite/settings.py": SETTINGS.replace(`"${OLD_KEY}"`, 'os.environ["SECRET_KEY"]'), ".env": `DEBUG=0\nDATABASE_PASSWORD=${OLD_PASSWORD}\n` });
      commitAll(dir, "tracked env", 1);
      assert.equal(runCli(["baseline", dir]).status, 0);
      assert.equal(runCli(["check", dir, "--baseline", join(dir, ".django-ready-baseline.json")]).status, 0);
      writeFiles(dir, { ".env": `PORT=8000\nDEBUG=0\nDATABASE_PASSWORD=${OLD_PASSWORD}\n` });
      assert.equal(runCli(["check", dir, "--baseline", join(dir, ".django-ready-baseline.json")]).status, 0);
      writeFiles(dir, { ".env": `DEBUG=0\nDATABASE_PASSWORD=${OLD_PASSWORD}\nEMAIL_HOST_PASSWORD=${NEW_PASSWORD}\n` });
      const run = runCli(["check", dir, "--baseline", join(dir, ".django-ready-baseline.json"), "--format", "json"]);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.deepEqual((JSON.parse(run.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule).filter((r) => r !== "DJP607"), ["DJP602"]);
    } finally {
      removeTemp(dir);
    }
  });
});

describe("baseline configuration and errors", () => {
  test("baseline = \"…\" in [tool.django-ready] is used by check; --baseline wins", () => {
    const dir = project();
    try {
      assert.equal(runCli(["baseline", dir, "--output", join(dir, "ci/accepted.json")]).status, 0);
      writeFiles(dir, { "pyproject.toml": '[tool.django-ready]\nbaseline = "ci/accepted.json"\n' });
      assert.equal(runCli(["check", dir]).status, 0);
      writeFiles(dir, { "empty.json": '{"version": 1, "entries": []}' });
      assert.equal(runCli(["check", dir, "--baseline", join(dir, "empty.json")]).status, 1);
    } finally {
      removeTemp(dir);
    }
  });

  test("a missing or broken baseline: exit 2, one line, every finding still reported", () => {
    const dir = project();
    try {
      const missing = runCli(["check", dir, "--baseline", join(dir, "nope.json")]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot read baseline .*nope\.json: no such file; no finding left out/);
      assert.match(missing.stdout, /DJP101/);
      writeFiles(dir, { "bad.json": "[1, 2" });
      const broken = runCli(["check", dir, "--baseline", join(dir, "bad.json")]);
      assert.equal(broken.status, 2);
      assert.match(broken.stderr, /bad\.json: not valid JSON/);
      assert.ok(!hasStackTrace(broken.stderr));
    } finally {
      removeTemp(dir);
    }
  });

  test("--help documents the command and the flags", () => {
    assert.match(runCli(["baseline", "--help"]).stdout, /--output FILE/);
    assert.match(runCli(["check", "--help"]).stdout, /--baseline FILE/);
    assert.match(runCli(["history", "--help"]).stdout, /--since REF[\s\S]*--format FORMAT/);
    assert.match(runCli(["report", "--help"]).stdout, /--history/);
    assert.match(runCli(["--help"]).stdout, /django-ready baseline[\s\S]*django-ready history/);
  });
});

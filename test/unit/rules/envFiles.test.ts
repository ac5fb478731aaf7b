import { test } from "node:test";
import assert from "node:assert/strict";
import { brief, type FileMap } from "../../support/memory";
import { ALNUM, fake } from "../secrets/fakeTokens";
import { analyzeWithGit, gitRepository, settingsReading, withFix } from "./envFilesHelpers";

const ENV_RULES = ["DJP601", "DJP602", "DJP603", "DJP604", "DJP605", "DJP606"];
const realKey = fake(ALNUM, 50);

function project(extra: FileMap): FileMap {
  return {
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n`,
    "mysite/settings.py": settingsReading("DEBUG", "DATABASE_URL"),
    ...extra,
  };
}

const wellKept = project({
  ".gitignore": "__pycache__/\n.env\n",
  ".env": `SECRET_KEY=${realKey}\nDEBUG=true\nDATABASE_URL=postgres://app:${fake(ALNUM, 20, 3)}@localhost/app\n`,
  ".env.example": "SECRET_KEY=change-me\nDEBUG=true\nDATABASE_URL=postgres://app:password@localhost/app\n",
});

test("a .env ignored by git and a template with placeholders give no env-file finding, with or without git", async () => {
  const withoutGit = await analyzeWithGit(wellKept);
  assert.deepEqual(brief(withoutGit.findings, ENV_RULES), []);
  const withGit = await analyzeWithGit(wellKept, gitRepository({ ".env": "ignored", ".env.example": "tracked", ".gitignore": "tracked" }));
  assert.deepEqual(brief(withGit.findings, ENV_RULES), []);
});

test("DJP601: outside a repository, a .env no .gitignore covers is reported at line 1; templates are not", async () => {
  const files = { ...wellKept, ".gitignore": "__pycache__/\n.env.*\n!.env.example\n" };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ENV_RULES), ["DJP601 .env:1"]);
  const finding = findings.find((f) => f.rule === "DJP601");
  assert.equal(finding?.severity, "error");
  assert.deepEqual(finding?.range, { start: { line: 0, column: 0 }, end: { line: 0, column: `SECRET_KEY=${realKey}`.length } });
  assert.ok(!finding?.message.includes(realKey), "no secret in the message");
});

test("DJP601's fix appends the file to .gitignore, after which it is ignored", async () => {
  const files = { ...wellKept, ".gitignore": "__pycache__/" };
  const { findings } = await analyzeWithGit(files);
  const finding = findings.find((f) => f.rule === "DJP601");
  assert.equal(finding?.fixes?.[0]?.title, "Add .env to .gitignore");
  const fixed = withFix(files, finding);
  assert.equal(fixed[".gitignore"], "__pycache__/\n.env\n");
  assert.deepEqual(brief((await analyzeWithGit(fixed)).findings, ENV_RULES), []);
});

test("DJP601's fix creates .gitignore when the project has none", async () => {
  const { [".gitignore"]: _dropped, ...files } = wellKept;
  const { findings } = await analyzeWithGit(files);
  const finding = findings.find((f) => f.rule === "DJP601");
  assert.equal(finding?.fixes?.[0]?.edits[0]?.create, true);
  assert.equal(withFix(files, finding)[".gitignore"], ".env\n");
});

test("in a repository git is the truth: tracked gives DJP602 (not DJP601), untracked gives DJP601 whatever .gitignore says", async () => {
  const tracked = await analyzeWithGit(wellKept, gitRepository({ ".env": "tracked" }));
  assert.deepEqual(brief(tracked.findings, ENV_RULES), ["DJP602 .env:1"]);
  const message = tracked.findings.find((f) => f.rule === "DJP602")?.message ?? "";
  assert.match(message, /untrack/);
  assert.match(message, /rotate/);
  assert.deepEqual(tracked.findings.find((f) => f.rule === "DJP602")?.fixes, [], ".gitignore already lists it: nothing to add");
  const unlisted = await analyzeWithGit({ ...wellKept, ".gitignore": "" }, gitRepository({ ".env": "tracked" }));
  assert.equal(unlisted.findings.find((f) => f.rule === "DJP602")?.fixes?.[0]?.title, "Add .env to .gitignore");
  const untracked = await analyzeWithGit(wellKept, gitRepository({}));
  assert.deepEqual(brief(untracked.findings, ENV_RULES), ["DJP601 .env:1"]);
});

test("env files named by a compose file's env_file: are env files; those only a development compose file names are exempt from DJP601", async () => {
  const files = project({
    ".gitignore": ".env\n",
    "docker-compose.yml": "services:\n  web:\n    build: .\n    env_file:\n      - config/web.envvars\n",
    "docker-compose.dev.yml": "services:\n  web:\n    env_file: [config/dev.envvars]\n",
    "config/web.envvars": "SECRET_KEY=x\n",
    "config/dev.envvars": "DEBUG=1\nDEBUG=1\n",
  });
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ENV_RULES), ["DJP601 config/web.envvars:1", "DJP604 config/dev.envvars:2"]);
});

test("DJP603 reports each statement python-dotenv rejects at its first non-blank line", async () => {
  const files = { ...wellKept, ".env": `A=1\n\n\nNAME="Fleet" <noreply@example.com>\nB=2\n  'unterminated\n` };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ["DJP603"]), ["DJP603 .env:4", "DJP603 .env:6"]);
  assert.match(findings.find((f) => f.rule === "DJP603")?.message ?? "", /line 2\b/);
});

test("DJP604 reports a key defined twice at the later one; its fix removes the earlier line", async () => {
  const files = { ...wellKept, ".env": "A=1\nDATABASE_URL=sqlite:///db\nB=2\n# moved to Postgres\nDATABASE_URL=postgres://db/app\n" };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ENV_RULES), ["DJP604 .env:5"]);
  const finding = findings.find((f) => f.rule === "DJP604");
  assert.deepEqual(finding?.range.start, { line: 4, column: 0 });
  assert.equal(finding?.fixes?.[0]?.safe, true);
  const fixed = withFix(files, finding);
  assert.equal(fixed[".env"], "A=1\nB=2\n# moved to Postgres\nDATABASE_URL=postgres://db/app\n");
  assert.deepEqual(brief((await analyzeWithGit(fixed)).findings, ENV_RULES), []);
});

test("DJP604's fix is unsafe when a value between the definitions interpolates the key", async () => {
  const files = { ...wellKept, ".env": "HOST=a\nURL=http://${HOST}/\nHOST=b\n" };
  const { findings } = await analyzeWithGit(files);
  assert.equal(findings.find((f) => f.rule === "DJP604")?.fixes?.[0]?.safe, false);
});

test("a `# django-ready: ignore DJP604` comment on the line above silences it", async () => {
  const files = { ...wellKept, ".env": "DEBUG=false\n# django-ready: ignore DJP604\nDEBUG=true\n" };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, [...ENV_RULES, "DJP002"]), []);
});

test("DJP605 reports a truthy DEBUG or DJANGO_DEBUG in an env file whose name or folder says production", async () => {
  const files = project({
    ".gitignore": ".env*\n!.env.*example\ndeploy/\n",
    ".env.prod": "# on for a day\nDEBUG=1\n",
    ".env.live": "DJANGO_DEBUG=Yes\n",
    "deploy/production/app.env": "DJANGO_DEBUG= ON \n",
    ".env.production.example": "DEBUG=true\n",
    ".env.dev": "DEBUG=true\n",
    ".env.staging": "DEBUG=true\n",
  });
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ENV_RULES), ["DJP605 .env.live:1", "DJP605 .env.prod:2", "DJP605 deploy/production/app.env:1"]);
});

test("DJP605 judges the definition that wins, and only folders below the project root", async () => {
  const files = {
    "live/manage.py": "",
    "live/mysite/settings.py": settingsReading("DEBUG"),
    "live/.gitignore": ".env*\n",
    "live/.env": "DEBUG=1\n",
    "live/.env.prod": "DEBUG=1\nDEBUG=false\n",
    "live/prod/.env": "DEBUG=on\n",
  };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ["DJP605"]), ["DJP605 live/prod/.env:1"]);
});

test("DJP605's fix sets the value to False", async () => {
  const files = project({ ".gitignore": ".env*\n", ".env.prod": "DEBUG='1'  # temporary\n" });
  const { findings } = await analyzeWithGit(files);
  const fixed = withFix(files, findings.find((f) => f.rule === "DJP605"));
  assert.equal(fixed[".env.prod"], "DEBUG=False  # temporary\n");
  assert.deepEqual(brief((await analyzeWithGit(fixed)).findings, ENV_RULES), []);
});

test("DJP606 reports a template's real credential, provider token or URL password at the key, masked", async () => {
  const token = `ghp_${fake(ALNUM, 36, 11)}`;
  const password = fake(ALNUM, 18, 5);
  const template = [
    `SECRET_KEY=${realKey}`,
    `UPSTREAM=${token}`,
    `DATABASE_URL=postgres://app:${password}@db/app`,
    "API_TOKEN=<your-token>",
    "CACHE_URL=redis://:changeme@cache:6379/0",
    "EMAIL_HOST_PASSWORD=",
    "SIGNING_KEY=xxxxxxxx",
  ].join("\n");
  const { findings } = await analyzeWithGit({ ...wellKept, ".env.example": `${template}\n` });
  assert.deepEqual(brief(findings, ENV_RULES), ["DJP606 .env.example:1", "DJP606 .env.example:2", "DJP606 .env.example:3"]);
  for (const finding of findings.filter((f) => f.rule === "DJP606")) {
    for (const secret of [realKey, token, password]) assert.ok(!finding.message.includes(secret), "secrets are masked");
    assert.equal(finding.range.start.column, 0);
  }
});

test("DJP606's fix replaces the value with change-me, or only the URL's password", async () => {
  const password = fake(ALNUM, 18, 5);
  const files = { ...wellKept, ".env.example": `SECRET_KEY="${realKey}"\nDATABASE_URL=postgres://app:${password}@db/app\n` };
  const { findings } = await analyzeWithGit(files);
  const [keyFinding, urlFinding] = findings.filter((f) => f.rule === "DJP606");
  assert.equal(withFix(files, keyFinding)[".env.example"], `SECRET_KEY=change-me\nDATABASE_URL=postgres://app:${password}@db/app\n`);
  assert.equal(withFix(files, urlFinding)[".env.example"], `SECRET_KEY="${realKey}"\nDATABASE_URL=postgres://app:change-me@db/app\n`);
  assert.equal(keyFinding?.fixes?.[0]?.safe, false);
});

test("DJP606 judges templates only, not runtime env files", async () => {
  const { findings } = await analyzeWithGit({ ...wellKept, ".env": `TELEMATICS_API_KEY=${realKey}\n` });
  assert.deepEqual(brief(findings, ENV_RULES), []);
});

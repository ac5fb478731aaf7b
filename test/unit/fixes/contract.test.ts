// The "nothing lost" contract (DESIGN.md), end to end over fixture projects in every idiom: fix everything the
// extract-to-env fixes cover, then check the code, the analysis, idempotence, .env and what tracked files received.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDotenv } from "../../../server/src/analysis/dotenv/parse";
import { analyzeAccess, fixUntilClean, preferredFix, simulatedGit, syntaxErrors, type FileMap } from "./harness";

const FIXED_RULES = ["DJP101", "DJP102", "DJP104", "DJP106", "DJP301", "DJP303"];
const MANAGE = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n`;

const BODY = `SECRET_KEY = "django-insecure-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6"
DEBUG = True
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "PASSWORD": "s3cr3t-Pa55 'x'", "HOST": "db.internal", "PORT": 5432},
    "replica": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "r3plica-Pa55"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://:hunter2-real@cache:6379/0"}}
EMAIL_HOST_PASSWORD = 's3cr3t-Pa55 \\'x\\''
`;

/** The values the fixed project's .env must hold: exactly the literals' strings. */
const EXPECTED_ENV: Record<string, string> = {
  SECRET_KEY: "django-insecure-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6",
  DEBUG: "True",
  ALLOWED_HOSTS: "*",
  DB_NAME: "app",
  DB_PASSWORD: "s3cr3t-Pa55 'x'",
  DB_HOST: "db.internal",
  DB_PORT: "5432",
  DB_REPLICA_PASSWORD: "r3plica-Pa55",
  CACHES_DEFAULT_LOCATION: "redis://:hunter2-real@cache:6379/0",
  EMAIL_HOST_PASSWORD: "s3cr3t-Pa55 'x'",
};

interface Fixture {
  idiom: string;
  header: string;
  /** How the fixed module reads SECRET_KEY. */
  secretLookup: string;
}

const FIXTURES: Fixture[] = [
  { idiom: "os.environ.get (default, import os added)", header: `"""Settings."""\n`, secretLookup: `os.environ.get("SECRET_KEY")` },
  { idiom: "os.getenv", header: `import os\nTIME_ZONE = os.getenv("TZ", "UTC")\n`, secretLookup: `os.getenv("SECRET_KEY")` },
  { idiom: "os.environ[...]", header: `import os\nSTATIC_ROOT = os.environ["STATIC_ROOT"]\n`, secretLookup: `os.environ["SECRET_KEY"]` },
  { idiom: "django-environ", header: `import environ\nenv = environ.Env()\nenviron.Env.read_env()\n`, secretLookup: `env("SECRET_KEY")` },
  { idiom: "python-decouple", header: `from decouple import config\n`, secretLookup: `config("SECRET_KEY")` },
];

function project(settings: string, extra: FileMap = {}): FileMap {
  return { "manage.py": MANAGE, "mysite/__init__.py": "", "mysite/settings.py": settings, ".env.example": "# copy to .env\nSTATIC_ROOT=/srv/static\n", ...extra };
}

function envOf(files: FileMap): Map<string, string | undefined> {
  return new Map(parseDotenv(files[".env"] ?? "").entries.map((e) => [e.key, e.value]));
}

/** Files whose text differs, with the lines the fix added (for the template check). */
function changedFiles(before: FileMap, after: FileMap): string[] {
  return Object.keys(after).filter((file) => before[file] !== after[file]).sort();
}

for (const fixture of FIXTURES) {
  test(`extract-to-env contract, ${fixture.idiom}`, async () => {
    const files = project(fixture.header + BODY);
    const tracked = new Set(Object.keys(files));
    const before = await analyzeAccess(simulatedGit(files, tracked));
    const fixable = before.findings.filter((f) => FIXED_RULES.includes(f.rule) && preferredFix(f));
    assert.ok(fixable.length >= 9, `expected the fixture's findings to be fixable, got ${fixable.map((f) => f.rule).join(" ")}`);

    const run = await fixUntilClean(files, FIXED_RULES, tracked);
    const settings = run.files["mysite/settings.py"] ?? "";
    assert.equal(syntaxErrors("mysite/settings.py", settings), 0, settings);
    assert.ok(settings.includes(fixture.secretLookup), settings);
    assert.ok(!settings.includes("django-insecure-k3j4"), "the secret left the settings module");

    const after = await analyzeAccess(simulatedGit(run.files, tracked));
    assert.deepEqual(after.findings.filter((f) => FIXED_RULES.includes(f.rule)).map((f) => f.rule), []);

    const again = await fixUntilClean(run.files, FIXED_RULES, tracked);
    assert.equal(again.applied.length, 0);
    assert.deepEqual(again.files, run.files);

    const env = envOf(run.files);
    for (const [name, value] of Object.entries(EXPECTED_ENV)) assert.equal(env.get(name), value, name);

    const changed = changedFiles(files, run.files);
    assert.deepEqual(changed, [".env", ".env.example", ".gitignore", "mysite/settings.py"]);
    const templateAdded = (run.files[".env.example"] ?? "").slice((files[".env.example"] ?? "").length).split("\n").filter(Boolean);
    assert.ok(templateAdded.length > 0 && templateAdded.every((line) => /^[A-Z0-9_]+=$/.test(line)), templateAdded.join("|"));
    assert.equal(simulatedGit(run.files, tracked).gitStatus?.(".env"), "ignored");
  });
}

test("split settings: a second secret with the same value reuses the key, a different value gets another name", async () => {
  const files: FileMap = {
    "manage.py": MANAGE.replace("mysite.settings", "mysite.settings.production"),
    "mysite/__init__.py": "",
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": `import os\nSECRET_KEY = "base-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6q7w8e9r0t1y2u3i4o5"\nEMAIL_HOST_PASSWORD = "m4il-Pa55word"\n`,
    "mysite/settings/production.py": `from .base import *\nSECRET_KEY = "prod-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6q7w8e9r0t1y2u3i4o5"\nEMAIL_HOST_PASSWORD = "m4il-Pa55word"\nDEBUG = True\n`,
    ".gitignore": "*.pyc\n.env\n",
  };
  const tracked = new Set(Object.keys(files));
  const run = await fixUntilClean(files, FIXED_RULES, tracked);
  const env = envOf(run.files);
  assert.equal(env.get("SECRET_KEY"), "base-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6q7w8e9r0t1y2u3i4o5");
  assert.equal(env.get("SECRET_KEY_2"), "prod-k3j4h5g6f7d8s9a0zx1c2v3b4n5m6q7w8e9r0t1y2u3i4o5");
  assert.equal(env.get("EMAIL_HOST_PASSWORD"), "m4il-Pa55word");
  assert.equal((run.files[".env"] ?? "").match(/^EMAIL_HOST_PASSWORD=/gm)?.length, 1, "the same value is written once");
  const production = run.files["mysite/settings/production.py"] ?? "";
  assert.ok(production.includes(`os.environ.get("SECRET_KEY_2")`) && production.includes(`os.environ.get("EMAIL_HOST_PASSWORD")`), production);
  assert.ok(production.startsWith("import os\n"), "production.py imports os itself");
  assert.equal(run.files[".gitignore"], files[".gitignore"], "an ignored .env needs no .gitignore change");
  for (const file of ["mysite/settings/base.py", "mysite/settings/production.py"]) assert.equal(syntaxErrors(file, run.files[file] ?? ""), 0);
  const after = await analyzeAccess(simulatedGit(run.files, tracked));
  assert.deepEqual(after.findings.filter((f) => FIXED_RULES.includes(f.rule)).map((f) => f.rule), []);
});

test("a key already in .env with another value is never overwritten", async () => {
  const files = project(`import os\nEMAIL_HOST_PASSWORD = "n3w-Pa55word"\n`, { ".env": "EMAIL_HOST_PASSWORD=old-value" });
  const run = await fixUntilClean(files, FIXED_RULES, new Set(Object.keys(files)));
  assert.equal(run.files[".env"], "EMAIL_HOST_PASSWORD=old-value\nEMAIL_HOST_PASSWORD_2=n3w-Pa55word\n");
  assert.ok((run.files["mysite/settings.py"] ?? "").includes(`os.environ.get("EMAIL_HOST_PASSWORD_2")`));
});

test("a prefix the project uses consistently is followed", async () => {
  const files = project(`import os\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nTIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")\nEMAIL_HOST_PASSWORD = "m4il-Pa55word"\n`);
  const run = await fixUntilClean(files, FIXED_RULES, new Set(Object.keys(files)));
  assert.ok((run.files["mysite/settings.py"] ?? "").includes(`os.environ.get("DJANGO_EMAIL_HOST_PASSWORD")`), run.files["mysite/settings.py"]);
  assert.equal(envOf(run.files).get("DJANGO_EMAIL_HOST_PASSWORD"), "m4il-Pa55word");
});

test("DJP301 in a base module inherited by production: DEBUG from env, .env keeps DEBUG=True for development (and gets loaded)", async () => {
  const files: FileMap = {
    "manage.py": MANAGE,
    "mysite/settings/base.py": "DEBUG = True\nALLOWED_HOSTS = []\n",
    "mysite/settings/production.py": "from .base import *\n",
  };
  const run = await fixUntilClean(files, ["DJP301", "DJP303"], new Set(Object.keys(files)));
  assert.equal(
    run.files["mysite/settings/base.py"],
    [
      "import os",
      "from dotenv import load_dotenv",
      "",
      "# Read the project's .env file; variables already set in the environment win.",
      'load_dotenv(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".env"))',
      "",
      'DEBUG = os.environ.get("DEBUG", "False").lower() in ("1", "true", "yes", "on")',
      'ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]',
      "",
    ].join("\n"),
  );
  assert.equal(run.files[".env"], "DEBUG=True\nALLOWED_HOSTS=\n");
  assert.equal(run.files[".gitignore"], ".env\n");
});

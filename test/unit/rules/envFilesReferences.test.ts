// DJP607 (keys nothing reads), DJP108 (required variables no env file defines), DJP109 (a .env nothing loads).
import { test } from "node:test";
import assert from "node:assert/strict";
import { brief, type FileMap } from "../../support/memory";
import { analyzeWithGit, withFix } from "./envFilesHelpers";

const manage = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n`;
const loader = "from dotenv import load_dotenv\nload_dotenv()\n";

function project(settings: string, extra: FileMap): FileMap {
  return { "manage.py": manage, "mysite/settings.py": settings, ".gitignore": ".env\n", ...extra };
}

test("DJP607 fades keys of runtime env files that no settings module reads", async () => {
  const settings = `import os\n${loader}SECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = os.getenv("DEBUG") == "1"\n`;
  const { findings } = await analyzeWithGit(
    project(settings, { ".env": "SECRET_KEY=x\nDEBUG=1\nOLD_FEATURE_FLAG=on\n", ".env.example": "SECRET_KEY=\nUNUSED_TOO=\n" }),
  );
  assert.deepEqual(brief(findings, ["DJP607"]), ["DJP607 .env:3"]);
  const hint = findings.find((f) => f.rule === "DJP607");
  assert.equal(hint?.severity, "hint");
  assert.equal(hint?.unnecessary, true);
});

test("DJP607 counts django-environ's default variables, DJANGO_SETTINGS_MODULE, tools' variables and other readers", async () => {
  const settings = [
    "import environ",
    "env = environ.Env()",
    "environ.Env.read_env()",
    "DATABASES = {'default': env.db()}",
    "CACHES = {'default': env.cache()}",
    "vars().update(env.email())",
    "STRIPE = {'key': 'STRIPE_KEY'}",
  ].join("\n");
  const envText = [
    "DJANGO_SETTINGS_MODULE=mysite.settings",
    "DATABASE_URL=sqlite:///db",
    "CACHE_URL=locmem://",
    "EMAIL_URL=consolemail://",
    "AWS_ACCESS_KEY_ID=x",
    "PORT=8000",
    "STRIPE_KEY=x",
    "CELERY_CONCURRENCY=4",
    "HOST=db",
    "PROXY_URL=http://${HOST}/",
    "NOBODY=1",
  ].join("\n");
  const { findings } = await analyzeWithGit(
    project(settings, { ".env": `${envText}\n`, "mysite/celery.py": "import os\nos.environ['CELERY_CONCURRENCY']\n" }),
  );
  assert.deepEqual(brief(findings, ["DJP607"]), ["DJP607 .env:10", "DJP607 .env:11"]);
});

test("DJP607 stays silent when the settings read variables whose names it cannot list", async () => {
  const settings = `import os\n${loader}NAMES = ["A", "B"]\nVALUES = [os.environ[name] for name in NAMES]\n`;
  const { findings } = await analyzeWithGit(project(settings, { ".env": "A=1\nB=2\nC=3\n" }));
  assert.deepEqual(brief(findings, ["DJP607"]), []);
});

test("DJP108 reports a required lookup no env file defines, at the variable string; defaults and env-file keys are fine", async () => {
  const settings = [
    "import os",
    loader,
    'SECRET_KEY = os.environ["SECRET_KEY"]',
    'SENTRY = os.environ["SENTRY_DSN"]',
    'DEBUG = os.environ.get("DEBUG", "") == "1"',
    'TIME_ZONE = os.environ["TIME_ZONE"]',
  ].join("\n");
  const files = project(settings, { ".env": "SECRET_KEY=x\n", ".env.example": "SECRET_KEY=\n# TIME_ZONE is optional\nTIME_ZONE\n" });
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ["DJP108"]), ["DJP108 mysite/settings.py:6"]);
  const finding = findings.find((f) => f.rule === "DJP108");
  assert.equal(finding?.severity, "information");
  assert.deepEqual(finding?.range.start, { line: 5, column: 20 });
  const fixed = withFix(files, finding);
  assert.equal(fixed[".env.example"], "SECRET_KEY=\n# TIME_ZONE is optional\nTIME_ZONE\nSENTRY_DSN=\n");
  assert.deepEqual(brief((await analyzeWithGit(fixed)).findings, ["DJP108"]), []);
});

test("DJP108 creates .env.example when the project has no template, and is silent without any env file", async () => {
  const settings = `import environ\nenv = environ.Env(DEBUG=(bool, False))\nenviron.Env.read_env()\nDEBUG = env("DEBUG")\nDATABASES = {"default": env.db()}\n`;
  const withEnv = project(settings, { ".env": "SECRET_KEY=x\n" });
  const { findings } = await analyzeWithGit(withEnv);
  assert.deepEqual(brief(findings, ["DJP108"]), ["DJP108 mysite/settings.py:5"]);
  const fixed = withFix(withEnv, findings.find((f) => f.rule === "DJP108"));
  assert.equal(fixed[".env.example"], "DATABASE_URL=\n");
  const { [".env"]: _env, ...withoutEnv } = withEnv;
  assert.deepEqual(brief((await analyzeWithGit(withoutEnv)).findings, ["DJP108"]), []);
});

test("DJP109 reports a .env nothing loads at line 1 of the deployed module that reads the environment", async () => {
  const files = {
    "manage.py": manage.replace("mysite.settings", "mysite.settings.production"),
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
    "mysite/settings/production.py": 'from .base import *\nimport os\nDEBUG = os.environ.get("DEBUG") == "1"\n',
    ".env": "SECRET_KEY=x\nDEBUG=0\n",
  };
  const { findings } = await analyzeWithGit(files);
  assert.deepEqual(brief(findings, ["DJP109"]), ["DJP109 mysite/settings/production.py:1"]);
});

test("DJP109 is silent when something loads the .env: python-dotenv, django-environ, decouple, compose env_file, or without a .env", async () => {
  const reads = 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n';
  const loaded: FileMap[] = [
    project(reads, { ".env": "SECRET_KEY=x\n", "manage.py": `${manage}from dotenv import load_dotenv\nload_dotenv()\n` }),
    project(`import environ\nenv = environ.Env()\nenv.read_env()\n${reads}`, { ".env": "SECRET_KEY=x\n" }),
    project('from decouple import config\nSECRET_KEY = config("SECRET_KEY")\n', { ".env": "SECRET_KEY=x\n" }),
    project(reads, { ".env": "SECRET_KEY=x\n", "docker-compose.yml": "services:\n  web:\n    env_file: .env\n" }),
    project(reads, { ".env.production": "SECRET_KEY=x\n" }),
  ];
  for (const files of loaded) assert.deepEqual(brief((await analyzeWithGit(files)).findings, ["DJP109"]), []);
});

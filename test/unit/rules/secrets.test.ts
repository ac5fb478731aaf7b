// DJP101–DJP105: hard-coded secrets in settings modules, one finding per literal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";
import { ALNUM, BASE64, LOWER, DIGITS, fake } from "../secrets/fakeTokens";
import type { Finding } from "../../../server/src/analysis/types";

const SECRET_RULES = ["DJP101", "DJP102", "DJP103", "DJP104", "DJP105"];
const SETTINGS = "mysite/settings.py";

// Token-shaped values are built at run time (see fakeTokens.ts).
const stripeKey = "sk_" + "live_" + fake(ALNUM, 24);
const githubToken = "gh" + "p_" + fake(ALNUM, 36, 5);
const strongDjangoKey = fake(LOWER + DIGITS + "!@#$%^&*(-_=+)", 50, 11);
const pemKey = ["-----BEGIN PRIVATE KEY-----", fake(BASE64, 64, 1), fake(BASE64, 64, 2), "-----END PRIVATE KEY-----"].join("\\n");
const password = "s3cr3t-Pa55";

const py = (value: string) => JSON.stringify(value);

async function secretFindings(files: FileMap | string): Promise<Finding[]> {
  // manage.py names the module: a settings module even when it assigns no name of Django's global_settings.
  const map = typeof files === "string" ? { [SETTINGS]: files, "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n' } : files;
  const { findings } = await analyzeFiles(map);
  return findings.filter((f) => SECRET_RULES.includes(f.rule));
}

async function secretBrief(files: FileMap | string): Promise<string[]> {
  return brief(await secretFindings(files));
}

function lines(...rows: string[]): string {
  return rows.join("\n") + "\n";
}

// --- DJP101 ---

test("DJP101: a literal SECRET_KEY is reported at the literal, saying when Django would call it weak", async () => {
  const [insecure] = await secretFindings(`SECRET_KEY = ${py("django-insecure-" + strongDjangoKey)}\n`);
  assert.equal(insecure.rule, "DJP101");
  assert.equal(insecure.severity, "error");
  assert.deepEqual(insecure.range.start, { line: 0, column: 13 });
  assert.match(insecure.message, /weak by Django's rule \(it starts with the django-insecure- prefix\)/);
  assert.ok(!insecure.message.includes(strongDjangoKey));

  const [strong] = await secretFindings(`SECRET_KEY = ${py(strongDjangoKey)}\n`);
  assert.equal(strong.rule, "DJP101");
  assert.doesNotMatch(strong.message, /weak/);
});

test("DJP101 has no placeholder exception, but an empty SECRET_KEY is not reported", async () => {
  assert.deepEqual(await secretBrief(`SECRET_KEY = "changeme"\n`), [`DJP101 ${SETTINGS}:1`]);
  assert.deepEqual(await secretBrief(`SECRET_KEY = ""\n`), []);
});

test("DJP101 reports each literal entry of SECRET_KEY_FALLBACKS, not env lookups", async () => {
  const text = lines("import os", "SECRET_KEY_FALLBACKS = [", `    ${py(strongDjangoKey)},`, '    os.environ["OLD_SECRET_KEY"],', "]", `SECRET_KEY_FALLBACKS.append("old-key-two")`);
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [`DJP101 ${SETTINGS}:3`, `DJP101 ${SETTINGS}:6`]);
  assert.match(found[0].message, /^An entry of SECRET_KEY_FALLBACKS/);
});

test("one finding per literal: DJP101 wins over DJP103 and DJP102 on a token-shaped SECRET_KEY", async () => {
  assert.deepEqual(await secretBrief(`SECRET_KEY = ${py(stripeKey)}\n`), [`DJP101 ${SETTINGS}:1`]);
});

// --- DJP102 ---

test("DJP102: a credential setting, a dict key at any depth, a subscript assignment and a keyword argument", async () => {
  const text = lines(
    `EMAIL_HOST_PASSWORD = ${py(password)}`,
    "DATABASES = {",
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    `        "PASSWORD": ${py(password)},`,
    "    },",
    "}",
    `DATABASES["replica"]["PASSWORD"] = ${py(password)}`,
    `CACHES = {"default": make_cache(client_secret=${py(password)})}`,
    `THIRD_PARTY = {"outer": {"inner": {"apiKey": ${py(password)}}}}`,
  );
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [1, 5, 8, 9, 10].map((line) => `DJP102 ${SETTINGS}:${line}`).sort());
  // A value inside a dict goes at the entry's key.
  assert.deepEqual(found[1].range.start, { line: 4, column: 8 });
  assert.deepEqual(found[2].range.start, { line: 7, column: 21 });
  assert.match(found[1].message, /^DATABASES\["default"\]\["PASSWORD"\] holds the hard-coded credential s3cr••••/);
  for (const finding of found) assert.ok(!finding.message.includes(password), finding.message);
});

test("DJP102 ignores placeholders", async () => {
  const placeholders = ["changeme", "your-secret-key-here", "!!!SET DJANGO_SECRET_KEY!!!", "", "<password>", "xxxx", "${DB_PASSWORD}"];
  const text = placeholders.map((value, i) => `API_TOKEN_${i} = ${py(value)}`).join("\n");
  assert.deepEqual(await secretBrief(text), []);
});

test("DJP102 ignores names that describe a credential rather than hold one", async () => {
  const text = lines(
    'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]',
    'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]',
    'CSRF_COOKIE_NAME = "csrftoken-x1"',
    'AWS_STORAGE_BUCKET_NAME = "media-bucket-x1"',
    "PASSWORD_RESET_TIMEOUT = 3600",
    'SESSION_COOKIE_AGE_TOKEN_URL = "https://auth.example/x1"',
  );
  assert.deepEqual(await secretBrief(text), []);
});

test("DJP102 does not take env variable names or a call's positional arguments for values", async () => {
  const text = lines(
    "import os",
    'DB_PASSWORD = os.environ["DB_PASSWORD_X1"]',
    'EMAIL_HOST_PASSWORD = os.getenv("SMTP_PASSWORD_X1")',
    'API_TOKEN = read_secret("/run/secrets/api-token-x1")',
  );
  assert.deepEqual(await secretBrief(text), []);
});

// --- DJP103 ---

test("DJP103 reports a provider token in any string literal, whatever it is assigned to", async () => {
  const text = lines(
    `PAYMENTS = {"live": ${py(stripeKey)}}`,
    "def helper():",
    `    return ${py(githubToken)}`,
  );
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [`DJP103 ${SETTINGS}:1`, `DJP103 ${SETTINGS}:3`]);
  assert.match(found[0].message, /Stripe secret key/);
  assert.ok(!found[0].message.includes(stripeKey));
});

test("DJP103 catches a Google service-account dict literal, once", async () => {
  const account = (privateKey: string) =>
    lines(
      "GS_CREDENTIALS = {",
      '    "type": "service_account",',
      '    "project_id": "demo-x1",',
      `    "private_key": ${py(privateKey)},`,
      '    "client_email": "svc@demo-x1.iam.gserviceaccount.com",',
      "}",
    );
  const bare = await secretFindings(account(fake(BASE64, 30, 9)));
  assert.deepEqual(brief(bare), [`DJP103 ${SETTINGS}:4`]);
  assert.match(bare[0].message, /Google service account/);
  assert.deepEqual(await secretBrief(account(pemKey)), [`DJP103 ${SETTINGS}:4`]);
  assert.deepEqual(await secretBrief(account("<private key>")), []);
});

test("DJP103 is reported in development and test modules too", async () => {
  const files = {
    "mysite/settings/base.py": "DEBUG = False\n",
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/local.py": `from .base import *\nSTRIPE_LIVE = ${py(stripeKey)}\nSECRET_KEY = "local-only-x1"\n`,
    "mysite/settings/test.py": `from .base import *\nGITHUB = {"token": ${py(githubToken)}}\n`,
  };
  assert.deepEqual(await secretBrief(files), ["DJP103 mysite/settings/local.py:2", "DJP103 mysite/settings/test.py:2"]);
});

// --- DJP104 ---

test("DJP104: a URL with a password in a dict, as an env default, and in a module-level call", async () => {
  const text = lines(
    "import os",
    `CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://:${password}@cache:6379/0"}}`,
    `DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://app:${password}@db:5432/app")`,
    `os.environ.setdefault("BROKER_URL", "amqp://app:${password}@mq:5672//")`,
  );
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [2, 3, 4].map((line) => `DJP104 ${SETTINGS}:${line}`));
  assert.match(found[0].message, /CACHES\["default"\]\["LOCATION"\]/);
  for (const finding of found) assert.ok(!finding.message.includes(password), finding.message);
});

test("DJP104 ignores placeholder passwords and URLs without one", async () => {
  const text = lines(
    'A_URL = "postgres://user:changeme@localhost/db"',
    'B_URL = "postgres://user:password@localhost/db"',
    'C_URL = "redis://localhost:6379/0"',
    'D_URL = "postgres://user@localhost/db"',
    'E_URL = "postgres://user:${DB_PASSWORD}@localhost/db"',
  );
  assert.deepEqual(await secretBrief(text), []);
});

// --- DJP105 ---

test("DJP105: a credential env lookup with a literal default, in every idiom", async () => {
  const text = lines(
    "import os",
    "import environ",
    "from decouple import config",
    "env = environ.Env()",
    `DB_PASSWORD = os.environ.get("DB_PASSWORD", ${py(password)})`,
    `EMAIL_HOST_PASSWORD = os.getenv("SMTP_X1", ${py(password)})`,
    `STRIPE = {"api_key": env("PAYMENTS_X1", default=${py(password)})}`,
    `SOME_SETTING = env.str("GITHUB_TOKEN", ${py(password)})`,
    `AUTH = config("OAUTH_CLIENT_SECRET", default=${py(password)})`,
  );
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [5, 6, 7, 8, 9].map((line) => `DJP105 ${SETTINGS}:${line}`));
  assert.equal(found[0].severity, "warning");
  assert.match(found[0].message, /^The env lookup for DB_PASSWORD falls back to the hard-coded default s3cr••••/);
});

test("DJP105 for SECRET_KEY takes any non-empty default, placeholders included", async () => {
  const text = lines(
    "import os",
    'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "!!!SET DJANGO_SECRET_KEY!!!")',
    'OTHER = os.environ.get("SECRET_KEY", "changeme")',
  );
  assert.deepEqual(await secretBrief(text), [`DJP105 ${SETTINGS}:2`, `DJP105 ${SETTINGS}:3`]);
  assert.deepEqual(await secretBrief('import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")\n'), []);
});

test("DJP105 ignores placeholder defaults, lookups without a default and non-credentials", async () => {
  const text = lines(
    "import os",
    'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")',
    'API_TOKEN = os.environ.get("API_TOKEN", "changeme")',
    'DB_PASSWORD = os.environ["DB_PASSWORD"]',
    'EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.example.com")',
  );
  assert.deepEqual(await secretBrief(text), []);
});

test("DJP105 wins over DJP103 on a credential default; a non-credential default holding a token is DJP103", async () => {
  const text = lines("import os", `STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", ${py(stripeKey)})`, `WEBHOOKS = os.environ.get("PAYMENTS_X1", ${py(stripeKey)})`);
  assert.deepEqual(await secretBrief(text), [`DJP103 ${SETTINGS}:3`, `DJP105 ${SETTINGS}:2`]);
});

// --- modules and chains ---

test("development and test modules hold throwaway values: DJP101, DJP102, DJP104, DJP105 are not reported there", async () => {
  const throwaway = lines(
    "from .base import *",
    `SECRET_KEY = ${py(strongDjangoKey)}`,
    `EMAIL_HOST_PASSWORD = ${py(password)}`,
    `DATABASES = {"default": env.db("DATABASE_URL", default="postgres://app:${password}@localhost/app")}`,
    `API_TOKEN = env("API_TOKEN", default=${py(password)})`,
  );
  const files = {
    "mysite/settings/base.py": "import environ\nenv = environ.Env()\n",
    "mysite/settings/production.py": throwaway,
    "mysite/settings/local.py": throwaway,
    "mysite/settings/dev.py": throwaway,
    "mysite/settings/test.py": throwaway,
    "mysite/settings/settings_ci.py": throwaway,
  };
  const found = await secretBrief(files);
  assert.deepEqual(found, [2, 3, 4, 5].map((line) => `${line === 4 ? "DJP104" : line === 5 ? "DJP105" : line === 2 ? "DJP101" : "DJP102"} mysite/settings/production.py:${line}`));
});

test("a literal in base.py inherited by two production modules is reported once, in base.py", async () => {
  const files = {
    "mysite/settings/base.py": `SECRET_KEY = ${py(strongDjangoKey)}\n`,
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/staging.py": "from .base import *\n",
  };
  assert.deepEqual(await secretBrief(files), ["DJP101 mysite/settings/base.py:1"]);
});

test("CRLF, a BOM, tabs, parenthesised concatenations and a syntax error elsewhere do not hide a secret", async () => {
  const text =
    "\uFEFFimport os\r\n" +
    "if True:\r\n" +
    `\tEMAIL_HOST_PASSWORD = ${py(password)}\r\n` +
    "SECRET_KEY = (\r\n" +
    '    "first-half-of-the-key-x1"\r\n' +
    '    "second-half-of-the-key-x2"\r\n' +
    ")\r\n" +
    "def broken(:\r\n" +
    `API_TOKEN = ${py(password)}\r\n`;
  const found = await secretFindings(text);
  assert.deepEqual(brief(found), [`DJP101 ${SETTINGS}:4`, `DJP102 ${SETTINGS}:3`, `DJP102 ${SETTINGS}:9`]);
  assert.equal(found.filter((f) => f.rule === "DJP101").length, 1);
});

test("only settings modules are judged", async () => {
  const files = { [SETTINGS]: "DEBUG = False\n", "mysite/utils.py": `API_TOKEN = ${py(password)}\nKEY = ${py(stripeKey)}\n` };
  assert.deepEqual(await secretBrief(files), []);
});

test("secret findings carry the extract-to-env (or drop-the-default) fix", async () => {
  const found = await secretFindings(lines("import os", `SECRET_KEY = ${py(strongDjangoKey)}`, `API_TOKEN = os.environ.get("API_TOKEN", ${py(password)})`));
  assert.deepEqual(brief(found), [`DJP101 ${SETTINGS}:2`, `DJP105 ${SETTINGS}:3`]);
  for (const finding of found) assert.ok((finding.fixes ?? []).length > 0, finding.rule);
});

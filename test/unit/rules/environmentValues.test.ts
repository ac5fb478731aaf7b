// DJP106: values that differ between environments, hard-coded in deployed settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";

const SETTINGS = "mysite/settings.py";

async function djp106(files: FileMap | string) {
  const { findings } = await analyzeFiles(typeof files === "string" ? { [SETTINGS]: files } : files);
  return findings.filter((f) => f.rule === "DJP106");
}

const hardCoded = [
  "DATABASES = {",
  '    "default": {',
  '        "ENGINE": "django.db.backends.postgresql",',
  '        "NAME": "shop",',
  '        "USER": "shop",',
  '        "HOST": "db.internal",',
  "        \"PORT\": 5432,",
  "    },",
  "}",
  'CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379/1"}}',
  'EMAIL_HOST = "smtp.example.com"',
  'ALLOWED_HOSTS = ["shop.example.com"]',
].join("\n") + "\n";

test("DJP106 reports DATABASES HOST/PORT/NAME/USER, CACHES LOCATION, EMAIL_HOST and a literal ALLOWED_HOSTS list", async () => {
  const found = await djp106(hardCoded);
  assert.deepEqual(brief(found), [4, 5, 6, 7, 10, 11, 12].map((line) => `DJP106 ${SETTINGS}:${line}`).sort());
  const host = found.find((f) => f.range.start.line === 5);
  assert.deepEqual(host?.range.start, { line: 5, column: 8 });
  assert.equal(host?.severity, "information");
  assert.match(host?.message ?? "", /^DATABASES\["default"\]\["HOST"\] is hard-coded in deployed settings/);
  const email = found.find((f) => f.range.start.line === 10);
  assert.deepEqual(email?.range.start, { line: 10, column: 13 });
});

test("DJP106 ignores env lookups, computed values, empty values and an empty ALLOWED_HOSTS", async () => {
  const text = [
    "import os",
    'DATABASES = {"default": {"NAME": BASE_DIR / "db.sqlite3", "HOST": "", "USER": os.environ["DB_USER"], "PORT": os.environ.get("DB_PORT", "5432")}}',
    'CACHES = {"default": {"LOCATION": os.environ["REDIS_URL"]}}',
    'EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")',
    "ALLOWED_HOSTS = []",
  ].join("\n");
  assert.deepEqual(await djp106(text), []);
});

test("DJP106 judges deployed settings only: a base value inherited by production is reported once in base.py", async () => {
  const files = {
    "mysite/settings/base.py": 'EMAIL_HOST = "smtp.example.com"\n',
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/staging.py": "from .base import *\n",
    "mysite/settings/local.py": 'from .base import *\nALLOWED_HOSTS = ["localhost"]\n',
  };
  assert.deepEqual(brief(await djp106(files)), ["DJP106 mysite/settings/base.py:1"]);
});

test("DJP106 does not judge a value production overrides from the environment", async () => {
  const files = {
    "mysite/settings/base.py": 'EMAIL_HOST = "localhost"\n',
    "mysite/settings/production.py": 'import os\nfrom .base import *\nEMAIL_HOST = os.environ["EMAIL_HOST"]\n',
  };
  assert.deepEqual(await djp106(files), []);
});

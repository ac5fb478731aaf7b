// Generated inputs of `npm run bench`: settings modules of a given length, small workspaces and large trees.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

/** A line that is a finding (DJP102) when live and nothing when commented out: one `#` toggles it. */
export const toggledLine = (where) => `EDITED_${where.toUpperCase()}_TOKEN = "q8Zr2mWx7Lp4Vn${where.length}"`;
export const TOGGLED = ["top", "middle", "end"];

/** The body of the generated module, one filler statement per step: dicts, env lookups, literals, comments. */
function fillerLines(i) {
  switch (i % 5) {
    case 0:
      return [`FEATURE_${i} = os.environ.get("FEATURE_${i}", "value-${i}")`];
    case 1:
      return [`LIMIT_${i} = ${i * 7}`];
    case 2:
      return [`SERVICE_${i} = {`, `    "URL": os.getenv("SERVICE_${i}_URL", "https://svc-${i}.internal"),`, `    "TIMEOUT": ${i % 30},`, `    "RETRIES": [1, 2, 3],`, "}"];
    case 3:
      return [`# Section ${i}: tuning knobs read from the environment`];
    default:
      return [`FLAG_${i} = ${i % 2 === 0 ? "True" : "False"}`];
  }
}

/**
 * A realistic settings module of about `lines` lines. The core settings (DEBUG, SECRET_KEY) are at the top, as in
 * real modules; a commented-out credential line sits just below them, one in the middle and one at the end.
 */
export function settingsModule(lines) {
  const head = [
    "import os",
    "from pathlib import Path",
    "",
    "BASE_DIR = Path(__file__).resolve().parent.parent",
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"',
    `#${toggledLine("top")}`,
    'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")',
    'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.staticfiles"]',
    'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
    'ROOT_URLCONF = "mysite.urls"',
    "DATABASES = {",
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    '        "NAME": os.environ.get("DB_NAME", "app"),',
    '        "PASSWORD": os.environ.get("DB_PASSWORD"),',
    "    },",
    "}",
  ];
  const body = [];
  for (let i = 0; head.length + body.length < lines - 2; i++) {
    if (body.length >= (lines - head.length) / 2 && !body.includes(`#${toggledLine("middle")}`)) body.push(`#${toggledLine("middle")}`);
    body.push(...fillerLines(i));
  }
  return [...head, ...body, `#${toggledLine("end")}`].join("\n") + "\n";
}

/** 50 whole lines as a paste brings them (complete statements): settings holding one credential literal (a finding). */
export function pastedBlock() {
  const out = ['PASTED_API_TOKEN = "Zx81Qm4Lr7Tw2Pk"'];
  for (let i = 0; out.length < 50; i++) {
    const statement = fillerLines(1000 + i);
    if (out.length + statement.length <= 50) out.push(...statement);
  }
  return out.join("\n") + "\n";
}

export function writeFiles(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function tempDir(name) {
  return mkdtempSync(join(tmpdir(), `django-ready-bench-${name}-`));
}

/** `manage.py` and `mysite/settings.py` of `lines` lines: the two-file workspace. */
export function settingsWorkspace(lines) {
  const root = tempDir(`${lines}`);
  writeFiles(root, { "manage.py": MANAGE, "mysite/__init__.py": "", "mysite/settings.py": settingsModule(lines) });
  return root;
}

export function emptyFolder() {
  return tempDir("empty");
}

/** A Python module as a real code base has them: imports, a class, functions, string literals. */
function pythonSource(i) {
  return [
    "import logging",
    "from django.db import models",
    "",
    "logger = logging.getLogger(__name__)",
    `TIMEOUT_${i} = ${i % 90}`,
    "",
    `class Model${i}(models.Model):`,
    '    name = models.CharField(max_length=50, help_text="shown in the admin")',
    "",
    "    def __str__(self):",
    `        return f"{self.name} #${i}"`,
    "",
    `def helper_${i}(value, password=None):`,
    '    if value == "secret":',
    '        logger.info("value %s", value)',
    `    return value * ${i}`,
    "",
  ].join("\n");
}

/**
 * `count` files: `projects` Django projects (settings split in a package, with .env files), the rest a monorepo's
 * Python code (a third), front-end sources, docs and data. The opened module is `services/api0/mysite/settings.py`.
 */
export function bigTree(count, projects = 5) {
  const root = tempDir(`tree-${count}`);
  const files = {};
  for (let p = 0; p < projects; p++) {
    Object.assign(files, {
      [`services/api${p}/manage.py`]: MANAGE,
      [`services/api${p}/mysite/__init__.py`]: "",
      [`services/api${p}/mysite/settings.py`]: settingsModule(300),
      [`services/api${p}/mysite/wsgi.py`]: 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      [`services/api${p}/.env`]: "DJANGO_SECRET_KEY=dev-only\nDJANGO_DEBUG=1\n",
      [`services/api${p}/app${p}/models.py`]: pythonSource(p),
    });
  }
  const kinds = [
    ["py", pythonSource],
    ["js", (i) => `export function f${i}(x) { return x + ${i}; }\n`],
    ["py", pythonSource],
    ["md", (i) => `# Note ${i}\n\nSome prose.\n`],
    ["json", (i) => `{"id": ${i}, "tags": ["a", "b"]}\n`],
    ["py", pythonSource],
    ["css", (i) => `.c${i} { color: #${(i % 4096).toString(16).padStart(3, "0")}; }\n`],
  ];
  for (let i = 0; Object.keys(files).length < count; i++) {
    const [ext, body] = kinds[i % kinds.length];
    files[`lib/pkg${i % 40}/dir${i % 23}/file${i}.${ext}`] = body(i);
  }
  writeFiles(root, files);
  return root;
}

// Random but plausible settings modules and env files, built from the idioms Django projects use.
import type { Random } from "./random";

const WORDS = "abcdefghijklmnopqrstuvwxyz";
const NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
const SETTING_NAMES = [
  "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASES", "CACHES", "LOGGING", "STORAGES", "EMAIL_HOST_PASSWORD",
  "EMAIL_BACKEND", "STATIC_ROOT", "MEDIA_ROOT", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
  "SECURE_HSTS_SECONDS", "ADMINS", "AWS_SECRET_ACCESS_KEY", "STRIPE_API_KEY", "DEFAULT_FILE_STORAGE", "CSRF_TRUSTED_ORIGINS",
];

function settingName(random: Random): string {
  return random.chance(0.8) ? random.pick(SETTING_NAMES) : random.string(NAME_CHARS, random.int(3, 16));
}

function stringLiteral(random: Random): string {
  const body = random.pick([
    random.string(WORDS, random.int(0, 20)),
    "changeme",
    `django-insecure-${random.string(WORDS + "0123456789!@#$%^&*(-_=+)", 50)}`,
    `postgres://user:${random.string(WORDS, 10)}@db:5432/app`,
    "",
    "${HOME}",
  ]);
  const quote = random.pick(['"', "'", '"""', "r'", 'b"', 'f"']);
  const close = quote.replace(/^[rbf]/, "");
  return `${quote}${body.replace(/["'\\]/g, "")}${close}`;
}

function envLookup(random: Random, depth: number): string {
  const key = `"${random.string(NAME_CHARS, random.int(2, 12))}"`;
  const fallback = value(random, depth + 1);
  return random.pick([
    `os.environ[${key}]`,
    `os.environ.get(${key})`,
    `os.environ.get(${key}, ${fallback})`,
    `os.getenv(${key}, ${fallback})`,
    `env(${key})`,
    `env.bool(${key}, default=${fallback})`,
    `env.db(${key})`,
    `config(${key}, default=${fallback}, cast=bool)`,
    `config(${key}, cast=Csv())`,
  ]);
}

function value(random: Random, depth = 0): string {
  const leafOnly = depth >= 3;
  const kind = random.int(0, leafOnly ? 3 : 7);
  switch (kind) {
    case 0: return stringLiteral(random);
    case 1: return random.pick(["True", "False", "None", String(random.int(0, 31_536_000))]);
    case 2: return envLookup(random, depth);
    case 3: return random.pick(["BASE_DIR / 'static'", "[]", "{}", "Path(__file__).resolve().parent"]);
    case 4: return `[${Array.from({ length: random.int(0, 4) }, () => value(random, depth + 1)).join(", ")}]`;
    case 5: return `(${value(random, depth + 1)}, ${value(random, depth + 1)})`;
    case 6: return `${stringLiteral(random)} + ${value(random, depth + 1)}`;
    default: {
      const entries = Array.from({ length: random.int(0, 4) }, () => `    "${random.pick(["default", "ENGINE", "PASSWORD", "LOCATION", "handlers", "level", "BACKEND", random.string(WORDS, 5)])}": ${value(random, depth + 1)},`);
      return `{\n${entries.join("\n")}\n}`;
    }
  }
}

function statement(random: Random): string {
  const kind = random.int(0, 9);
  if (kind === 0) return `${settingName(random)} += ${value(random)}`;
  if (kind === 1) return `DATABASES["default"]["PASSWORD"] = ${value(random)}`;
  if (kind === 2) return `if ${envLookup(random, 2)}:\n    ${settingName(random)} = ${value(random, 2)}\nelse:\n    ${settingName(random)} = ${value(random, 2)}`;
  if (kind === 3) return `try:\n    from .local import *\nexcept ImportError:\n    pass`;
  if (kind === 4) return `# ${random.string(WORDS + " ", random.int(0, 40))}`;
  if (kind === 5) return `MIDDLEWARE.insert(0, ${stringLiteral(random)})`;
  return `${settingName(random)} = ${value(random)}`;
}

/** A settings module: the core settings that make it one, then random statements. */
export function randomSettingsModule(random: Random): string {
  const header = [
    random.pick(["import os", "import environ\nenv = environ.Env()", "from decouple import config, Csv", "import os\nfrom pathlib import Path"]),
    random.chance(0.3) ? "from .base import *" : "",
    'INSTALLED_APPS = ["django.contrib.admin"]',
    "MIDDLEWARE = []",
    `DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": ${value(random, 2)}}}`,
    `SECRET_KEY = ${value(random, 2)}`,
  ];
  const body = Array.from({ length: random.int(0, 30) }, () => statement(random));
  return [...header, ...body].filter((line) => line !== "").join("\n") + "\n";
}

/** An env file in python-dotenv's syntax, with its corner cases. */
export function randomEnvFile(random: Random): string {
  const lines = Array.from({ length: random.int(0, 25) }, () => {
    const key = random.pick([...SETTING_NAMES, "DJANGO_DEBUG", "DATABASE_URL", random.string(NAME_CHARS, random.int(1, 10))]);
    const raw = random.pick([random.string(WORDS, random.int(0, 30)), "1", "True", `postgres://u:${random.string(WORDS, 12)}@h/db`, "${OTHER:-fallback}"]);
    return random.pick([
      `${key}=${raw}`,
      `export ${key}="${raw}"`,
      `${key}='${raw}'`,
      `${key} = ${raw} # comment`,
      `${key}="line one\nline two"`,
      `# ${raw}`,
      "",
      key,
    ]);
  });
  return lines.join("\n") + (random.chance(0.8) ? "\n" : "");
}

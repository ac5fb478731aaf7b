// Fake credentials of every provider shape in TOKENS.md, plus passwords, URL passwords and Django keys,
// built at run time (no file holds a string a secret scanner would flag), and a project that holds them all.
import { ALNUM, BASE32, BASE64, DIGITS, fake, HEX, LOWER, UPPER, WORD } from "../../unit/secrets/fakeTokens";
import type { FileMap } from "../memory";

export interface FixtureSecret {
  /** The setting / env key it is assigned to: the shape alone is not always distinctive. */
  name: string;
  /** The fixed part (provider prefix): it may be named in messages, so it is not searched for. */
  prefix: string;
  body: string;
  suffix?: string;
}

export const secretValue = (secret: FixtureSecret): string => secret.prefix + secret.body + (secret.suffix ?? "");

const DJANGO_CHARSET = LOWER + DIGITS + "!@#$%^&*(-_=+)";
const B64URL = ALNUM + "-_";

let seed = 101;
const body = (charset: string, length: number): string => fake(charset, length, seed++);

/** One secret per provider shape; names carry the hint a "near X" shape needs. */
export function fixtureSecrets(): FixtureSecret[] {
  return [
    { name: "AWS_ACCESS_KEY_ID", prefix: "AKIA", body: body(BASE32, 16) },
    { name: "AWS_SECRET_ACCESS_KEY", prefix: "", body: body(BASE64, 40) },
    { name: "GOOGLE_MAPS_API_KEY", prefix: "AIza", body: body(WORD, 35) },
    { name: "AZURE_CLIENT_SECRET", prefix: "", body: `${body(ALNUM, 3)}8Q~${body(ALNUM + "_~.-", 32)}` },
    { name: "AZURE_STORAGE_CONNECTION", prefix: "AccountKey=", body: body(BASE64, 86), suffix: "==" },
    { name: "GITHUB_TOKEN", prefix: "ghp_", body: body(ALNUM, 36) },
    { name: "GITHUB_PAT", prefix: "github_pat_", body: body(ALNUM + "_", 82) },
    { name: "GITLAB_TOKEN", prefix: "glpat-", body: body(WORD, 20) },
    { name: "SLACK_BOT_TOKEN", prefix: "xoxb-", body: `${body(DIGITS, 12)}-${body(DIGITS, 13)}-${body(ALNUM, 24)}` },
    { name: "SLACK_WEBHOOK_URL", prefix: "https://hooks.slack.com/services/", body: `T${body(UPPER + DIGITS, 10)}/B${body(UPPER + DIGITS, 10)}/${body(ALNUM, 24)}` },
    { name: "STRIPE_SECRET_KEY", prefix: "sk_live_", body: body(ALNUM, 32) },
    { name: "TWILIO_API_KEY", prefix: "SK", body: body(HEX, 32) },
    { name: "TWILIO_AUTH_TOKEN", prefix: "", body: body(HEX, 32) },
    { name: "SENDGRID_API_KEY", prefix: "SG.", body: `${body(WORD, 22)}.${body(WORD, 43)}` },
    { name: "BREVO_API_KEY", prefix: "xkeysib-", body: `${body(HEX, 64)}-${body(ALNUM, 16)}` },
    { name: "MAILGUN_API_KEY", prefix: "key-", body: body(HEX, 32) },
    { name: "MAILCHIMP_API_KEY", prefix: "", body: body(HEX, 32), suffix: "-us14" },
    { name: "SENTRY_AUTH_TOKEN", prefix: "sntryu_", body: body(HEX, 64) },
    { name: "OPENAI_API_KEY", prefix: "sk-proj-", body: `${body(WORD, 40)}T3BlbkFJ${body(WORD, 40)}` },
    { name: "ANTHROPIC_API_KEY", prefix: "sk-ant-api03-", body: body(WORD, 93), suffix: "AA" },
    { name: "HUGGINGFACE_TOKEN", prefix: "hf_", body: body(UPPER + LOWER, 34) },
    { name: "DIGITALOCEAN_TOKEN", prefix: "dop_v1_", body: body(HEX, 64) },
    { name: "NPM_TOKEN", prefix: "npm_", body: body(ALNUM, 36) },
    { name: "PYPI_TOKEN", prefix: "pypi-AgEIcHlwaS5vcmc", body: body(WORD, 60) },
    { name: "SHOPIFY_ACCESS_TOKEN", prefix: "shpat_", body: body(HEX, 32) },
    { name: "SQUARE_ACCESS_TOKEN", prefix: "sq0atp-", body: body(WORD, 22) },
    { name: "TELEGRAM_BOT_TOKEN", prefix: "", body: `${body(DIGITS, 10)}:A${body(WORD, 34)}` },
    { name: "VAULT_TOKEN", prefix: "hvs.", body: body(WORD, 100) },
    { name: "JWT_SIGNING_TOKEN", prefix: "eyJ", body: `${body(B64URL, 30)}.eyJ${body(B64URL, 40)}.${body(B64URL, 43)}` },
    { name: "SECRET_KEY", prefix: "django-insecure-", body: body(DJANGO_CHARSET, 50) },
    { name: "DJANGO_SECRET_KEY", prefix: "", body: body(DJANGO_CHARSET, 50) },
    { name: "EMAIL_HOST_PASSWORD", prefix: "", body: body(ALNUM, 20) },
    { name: "DB_PASSWORD", prefix: "", body: body(ALNUM + "!%", 18) },
  ];
}

/** Passwords inside URLs: the password is the secret, the rest of the URL is not. */
export function urlSecrets(): FixtureSecret[] {
  return [
    { name: "DATABASE_URL", prefix: "", body: body(ALNUM, 22) },
    { name: "REDIS_URL", prefix: "", body: body(ALNUM, 20) },
    { name: "BROKER_URL", prefix: "", body: body(ALNUM, 24) },
  ];
}

const urlFor = (secret: FixtureSecret): string =>
  ({ DATABASE_URL: `postgres://app:${secret.body}@db.internal:5432/app`, REDIS_URL: `redis://:${secret.body}@cache:6379/0` })[secret.name] ??
  `amqp://worker:${secret.body}@mq:5672/vhost`;

const pyString = (value: string): string => JSON.stringify(value);
const PEM_BODY = (): string => body(BASE64, 64);

function settingsModule(secrets: FixtureSecret[], urls: FixtureSecret[]): string {
  const direct = secrets.filter((s) => !["DB_PASSWORD", "EMAIL_HOST_PASSWORD"].includes(s.name));
  const email = secrets.find((s) => s.name === "EMAIL_HOST_PASSWORD");
  const db = secrets.find((s) => s.name === "DB_PASSWORD");
  const databaseUrl = urls.find((s) => s.name === "DATABASE_URL");
  return [
    "import os",
    "",
    "DEBUG = True",
    'ALLOWED_HOSTS = ["*"]',
    'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]',
    "MIDDLEWARE = []",
    'ROOT_URLCONF = "vault.urls"',
    ...direct.map((s) => `${s.name} = ${pyString(secretValue(s))}`),
    `EMAIL_HOST_PASSWORD = ${pyString(secretValue(email!))}`,
    "DATABASES = {",
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    `        "PASSWORD": ${pyString(secretValue(db!))},`,
    "    },",
    `    "replica": {"URL": ${pyString(urlFor(databaseUrl!))}},`,
    "}",
    ...urls.filter((s) => s !== databaseUrl).map((s) => `${s.name} = ${pyString(urlFor(s))}`),
    `CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ${pyString(urlFor(urls[1]))}}}`,
    `GOOGLE_SERVICE_ACCOUNT = {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY()}\\n-----END PRIVATE KEY-----\\n"}`,
    "",
  ].join("\n");
}

function envFile(secrets: FixtureSecret[], urls: FixtureSecret[]): string {
  return [
    ...secrets.map((s) => `${s.name}=${secretValue(s)}`),
    ...urls.map((s) => `${s.name}="${urlFor(s)}"`),
    "DEBUG=1",
    "",
  ].join("\n");
}

/** A single-settings project: every secret hard-coded in settings.py, again in .env, .env.prod and (wrongly) .env.example. */
export function secretProject(): { files: FileMap; secrets: FixtureSecret[] } {
  const secrets = fixtureSecrets();
  const urls = urlSecrets();
  const env = envFile(secrets, urls);
  const files: FileMap = {
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "vault.settings")\n',
    "vault/__init__.py": "",
    "vault/settings.py": settingsModule(secrets, urls),
    ".env": env,
    ".env.prod": env,
    ".env.example": env,
    "Procfile": "web: python manage.py runserver 0.0.0.0:$PORT\n",
    "requirements.txt": "Django==5.0.6\n",
  };
  return { files, secrets: [...secrets, ...urls] };
}

/** Every 8-character window of a secret's distinctive part (past its provider prefix and the 4 characters a mask shows). */
export function leakProbes(secret: FixtureSecret): string[] {
  const value = secret.body;
  const first = Math.max(0, 4 - secret.prefix.length);
  const probes = [secretValue(secret)];
  for (let i = first; i + 8 <= value.length; i++) probes.push(value.slice(i, i + 8));
  return probes;
}

/** The probes of `secrets` found in `text`, as "NAME: probe" lines. */
export function leaks(text: string, secrets: readonly FixtureSecret[]): string[] {
  return secrets.flatMap((secret) => leakProbes(secret).filter((probe) => text.includes(probe)).map((probe) => `${secret.name}: …${probe}…`));
}

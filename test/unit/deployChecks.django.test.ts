// DJP310–DJP322 against real Django: many generated settings modules, each checked by django-ready and by
// Django 5.2's own `check --deploy` (one Python process for all of them); the check ids must agree exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeFiles } from "../support/memory";
import { oraclePython } from "../support/python";

const DJP_TO_DJANGO: Record<string, readonly string[]> = {
  DJP310: ["W001"],
  DJP311: ["W002"],
  DJP312: ["W003"],
  DJP313: ["W004"],
  DJP314: ["W005", "W021"],
  DJP315: ["W006"],
  DJP316: ["W008"],
  DJP317: ["W010", "W011", "W012"],
  DJP318: ["W013", "W014", "W015"],
  DJP319: ["W016"],
  DJP320: ["W019"],
  DJP321: ["W022", "E023"],
  DJP322: ["W025"],
};
const COVERED = new Set(Object.values(DJP_TO_DJANGO).flat().map((id) => `security.${id}`));

/** Runs every module's deploy security checks in one process; SILENCED_SYSTEM_CHECKS is applied as `manage.py check` does. */
const DJANGO_RUNNER = `
import json, os, sys
sys.path.insert(0, sys.argv[1])
from django.conf import settings
from django.utils.functional import empty
from django.core import checks
out = {}
for name in sys.argv[2:]:
    os.environ["DJANGO_SETTINGS_MODULE"] = name
    settings._wrapped = empty
    messages = checks.run_checks(include_deployment_checks=True, tags=["security"])
    out[name] = [m.id for m in messages if not m.is_silenced()]
print(json.dumps(out))
`;

const strongKey = () => randomBytes(48).toString("base64url");

const MIDDLEWARE = {
  security: "django.middleware.security.SecurityMiddleware",
  session: "django.contrib.sessions.middleware.SessionMiddleware",
  csrf: "django.middleware.csrf.CsrfViewMiddleware",
  xframe: "django.middleware.clickjacking.XFrameOptionsMiddleware",
  common: "django.middleware.common.CommonMiddleware",
};
const pyList = (items: readonly string[], open = "[", close = "]") => `${open}${items.map((i) => JSON.stringify(i)).join(", ")}${close}`;

/** Each dimension's options are module-level lines; "" leaves the setting to Django's default. */
function dimensions(): string[][] {
  const { security, session, csrf, xframe, common } = MIDDLEWARE;
  const setting = (name: string, values: readonly string[]) => ["", ...values.map((v) => `${name} = ${v}`)];
  return [
    setting("MIDDLEWARE", [
      pyList([security, session, common, csrf, xframe]),
      pyList([]),
      pyList([security]),
      pyList([security, session, csrf], "(", ")"),
      pyList([session, csrf, xframe]),
      pyList([security, xframe]),
    ]),
    setting("INSTALLED_APPS", [pyList(["django.contrib.sessions", "django.contrib.contenttypes"]), pyList(["django.contrib.contenttypes"]), pyList(["django.contrib.sessions.apps.SessionsConfig"])]),
    setting("SECURE_HSTS_SECONDS", ["0", "31536000", "3600"]),
    setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", ["True", "False", "1"]),
    setting("SECURE_HSTS_PRELOAD", ["True", "False"]),
    setting("SECURE_SSL_REDIRECT", ["True", "False", "1"]),
    setting("SECURE_CONTENT_TYPE_NOSNIFF", ["True", "False"]),
    setting("SESSION_COOKIE_SECURE", ["True", "False"]),
    setting("SESSION_COOKIE_HTTPONLY", ["True", "False", "1"]),
    setting("CSRF_COOKIE_SECURE", ["True", "False"]),
    setting("CSRF_USE_SESSIONS", ["True", "False"]),
    setting("X_FRAME_OPTIONS", ['"DENY"', '"SAMEORIGIN"', 'b"DENY"', '"deny"']),
    setting("SECURE_REFERRER_POLICY", ["None", '"same-origin"', '"no-referrer, strict-origin-when-cross-origin"', '"bogus"', '["origin", "unsafe-url"]', '("origin", "nope")', '""']),
    setting("SECRET_KEY_FALLBACKS", ["[]", pyList([strongKey()]), '["short"]', pyList([strongKey(), `django-insecure-${strongKey()}`]), pyList(["ab".repeat(30)])]),
    setting("SILENCED_SYSTEM_CHECKS", ['["security.W004", "security.W008"]', '["security.W012", "security.W001", "security.W019"]', '["security.W025", "security.E023"]']),
  ];
}

/** A small seeded generator (mulberry32), so a failing case is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Settings modules: all defaults, all hardened, then random combinations of every dimension. */
function generateCases(count: number): string[] {
  const header = [`SECRET_KEY = ${JSON.stringify(strongKey())}`, "DEBUG = False", 'ALLOWED_HOSTS = ["example.com"]'];
  const dims = dimensions();
  const random = seededRandom(20250310);
  const hardened = [
    `MIDDLEWARE = ${pyList(Object.values(MIDDLEWARE))}`,
    'INSTALLED_APPS = ["django.contrib.sessions"]',
    "SECURE_HSTS_SECONDS = 31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS = True",
    "SECURE_HSTS_PRELOAD = True",
    "SECURE_SSL_REDIRECT = True",
    "SESSION_COOKIE_SECURE = True",
    "CSRF_COOKIE_SECURE = True",
  ];
  const cases = [header, [...header, ...hardened]];
  while (cases.length < count) cases.push([...header, ...dims.map((options) => options[Math.floor(random() * options.length)] ?? "")]);
  return cases.map((lines) => `${lines.filter((line) => line !== "").join("\n")}\n`);
}

function runDjango(python: string, sources: readonly string[]): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), "djready-deploy-"));
  try {
    const names = sources.map((source, index) => {
      writeFileSync(join(dir, `case_${index}.py`), source);
      return `case_${index}`;
    });
    writeFileSync(join(dir, "run_checks.py"), DJANGO_RUNNER);
    const run = spawnSync(python, [join(dir, "run_checks.py"), dir, ...names], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    assert.equal(run.status, 0, `Django failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Record<string, string[]>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The case's settings for a failure message, generated keys left out. */
function withoutKeys(source: string): string {
  return source.replace(/[A-Za-z0-9_-]{40,}/g, "<generated key>");
}

async function ourCheckIds(source: string): Promise<string[]> {
  const { findings } = await analyzeFiles({ "mysite/settings.py": source });
  return findings
    .filter((f) => f.rule in DJP_TO_DJANGO)
    .flatMap((f) => {
      const ids = [...f.message.matchAll(/security\.[WE]\d{3}/g)].map((m) => m[0]);
      assert.ok(ids.length > 0, `${f.rule} names no Django check id: ${f.message}`);
      for (const id of ids) assert.ok(DJP_TO_DJANGO[f.rule]?.includes(id.slice("security.".length)), `${f.rule} reported ${id}`);
      return ids;
    })
    .sort();
}

test("DJP310–DJP322 report exactly the deploy security checks Django 5.2 reports", async (t) => {
  const oracle = oraclePython("Django");
  if (!oracle.ok) return t.skip(oracle.skip);
  const python = oracle.python;
  const sources = generateCases(90);
  const django = runDjango(python, sources);
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const [index, source] of sources.entries()) {
    const expected = (django[`case_${index}`] ?? []).filter((id) => COVERED.has(id)).sort();
    expected.forEach((id) => seen.add(id));
    const actual = await ourCheckIds(source);
    if (actual.join() !== expected.join()) mismatches.push(`case_${index}: django-ready [${actual.join(", ")}] Django [${expected.join(", ")}]\n${withoutKeys(source)}`);
  }
  assert.deepEqual(mismatches, []);
  assert.deepEqual([...COVERED].filter((id) => !seen.has(id)), [], "every covered Django check fired in at least one case");
});

// The Python oracle for the "nothing lost" contract: settings modules full of tricky literals are fixed, then
// original and fixed projects are executed by a real Python — the fixed one after python-dotenv's load_dotenv
// read the written .env — and every uppercase setting must have exactly the same value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { extractToEnvFixes } from "../../../server/src/analysis/fixes/extract";
import { memoryAccess } from "../../support/memory";
import type { PinName } from "../../support/oracles/pins";
import { oraclePython } from "../../support/python";
import { applyFix, contextFor, fixUntilClean, type FileMap } from "./harness";

/** Python source of literals whose value must survive the trip through .env. (Bytes cannot: they stay.) */
const LITERALS = [
  `'it\\'s "quoted"'`,
  `"back\\\\slash and \\\\n not a newline"`,
  `"dollar $HOME and $"`,
  `"\${X}"`,
  `"pre \${X:-default} post"`,
  `"hash # not a comment"`,
  `"#starts-with-hash"`,
  `"  spaces around  "`,
  `"new\\nline"`,
  `"carriage\\r\\nreturn"`,
  `"tab\\tseparated"`,
  `"unicode é ✓ 🎉"`,
  `"implicit" ' concatenation'`,
  `"plus" + " concatenation"`,
  `r"C:\\new\\table"`,
  `f"no fields {{braces}}"`,
  `"=equals=sign="`,
  `"'single-quoted'"`,
  `'"double-quoted"'`,
  `"trailing backslash \\\\"`,
  `""" triple 'quoted' "string" """`,
];

interface Idiom {
  name: string;
  header: string;
  /** The pinned package the idiom needs besides python-dotenv. */
  requires?: PinName;
}

const IDIOMS: Idiom[] = [
  { name: "os.environ", header: "import os\n" },
  { name: "os.getenv", header: `import os\nTIME_ZONE = os.getenv("TZ_NAME", "UTC")\n` },
  { name: "django-environ", header: "import environ\nenv = environ.Env()\n", requires: "django-environ" },
  { name: "python-decouple", header: "from decouple import config\n", requires: "python-decouple" },
];

const SCRIPT = `
import json, os, sys
from dotenv import load_dotenv

def settings(path, env_file):
    saved = dict(os.environ)
    try:
        if env_file:
            load_dotenv(env_file, override=True)
        namespace = {"__file__": path, "__name__": "settings"}
        with open(path, encoding="utf-8") as f:
            exec(compile(f.read(), path, "exec"), namespace)
        return {k: repr(v) for k, v in namespace.items() if k.isupper()}
    finally:
        os.environ.clear()
        os.environ.update(saved)

answers = []
for case in json.load(sys.stdin):
    try:
        before = settings(case["original"], None)
        after = settings(case["fixed"], case["env"])
        answers.append({"diff": [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)], "before": before, "after": after})
    except Exception as error:
        answers.append({"error": repr(error)})
json.dump(answers, sys.stdout)
`;

const MANAGE = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n`;

function settingsModule(idiom: Idiom): string {
  return idiom.header + LITERALS.map((literal, i) => `VALUE_${i} = ${literal}\n`).join("");
}

/** Extracts VALUE_i one at a time (secrets and non-secrets alternate), re-reading the project after each fix. */
async function fixEveryLiteral(files: FileMap): Promise<{ files: FileMap; unfixed: number[] }> {
  let current = files;
  const unfixed: number[] = [];
  for (let i = 0; i < LITERALS.length; i++) {
    const context = await contextFor(memoryAccess(current));
    const module = context.project.settings.find((m) => m.file === "mysite/settings.py");
    const statement = module?.python.statements.find((s) => s.kind === "assign" && s.name === `VALUE_${i}`);
    if (!module || statement?.kind !== "assign" || statement.value.kind !== "string") throw new Error(`VALUE_${i} is not a string literal`);
    const literal = { range: statement.value.range, value: statement.value.value };
    const [fix] = extractToEnvFixes({ context, module, literal, setting: `VALUE_${i}`, keys: [], secret: i % 2 === 0 });
    if (fix) current = applyFix(current, fix);
    else unfixed.push(i);
  }
  return { files: current, unfixed };
}

function writeTree(root: string, files: FileMap): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, "utf8");
  }
}

/** Fixes every literal of each idiom's settings module and writes original and fixed projects under `temp`. */
async function writeCases(idioms: Idiom[], temp: string): Promise<Case[]> {
  const cases: Case[] = [];
  for (const idiom of idioms) {
    const original: FileMap = { "manage.py": MANAGE, "mysite/settings.py": settingsModule(idiom) };
    const fixed = await fixEveryLiteral(original);
    const dir = join(temp, idiom.name);
    writeTree(join(dir, "original"), original);
    writeTree(join(dir, "fixed"), fixed.files);
    cases.push({
      idiom,
      unfixed: fixed.unfixed,
      changed: fixed.files["mysite/settings.py"] !== original["mysite/settings.py"],
      original: join(dir, "original/mysite/settings.py"),
      fixed: join(dir, "fixed/mysite/settings.py"),
      env: join(dir, "fixed/.env"),
    });
  }
  return cases;
}

interface Case {
  idiom: Idiom;
  unfixed: number[];
  changed: boolean;
  original: string;
  fixed: string;
  env: string;
}

interface Answer {
  diff?: string[];
  error?: string;
  before?: Record<string, string>;
}

test("fixed settings read every tricky literal back from .env exactly (real python-dotenv)", async (t) => {
  const base = oraclePython("python-dotenv");
  if (!base.ok) return t.skip(base.skip);
  // Each idiom is its own subtest: one whose package is not the pinned release is reported as skipped, with why.
  const lookups = new Map(IDIOMS.map((idiom) => [idiom, idiom.requires ? oraclePython("python-dotenv", idiom.requires) : base]));
  const runnable = IDIOMS.filter((idiom) => lookups.get(idiom)?.ok);
  const temp = mkdtempSync(join(tmpdir(), "djready-roundtrip-"));
  try {
    const cases = await writeCases(runnable, temp);
    const input = cases.map(({ original, fixed, env }) => ({ original, fixed, env }));
    const result = spawnSync(base.python, ["-c", SCRIPT], { input: JSON.stringify(input), encoding: "utf8", cwd: temp });
    assert.equal(result.status, 0, result.stderr);
    const answers = JSON.parse(result.stdout) as Answer[];
    for (const idiom of IDIOMS) {
      await t.test(idiom.name, (sub) => {
        const lookup = lookups.get(idiom);
        if (!lookup?.ok) return sub.skip(lookup?.skip);
        const index = cases.findIndex((c) => c.idiom === idiom);
        const { unfixed, changed } = cases[index] as Case;
        const answer = answers[index] as Answer;
        if (idiom.requires === undefined) assert.deepEqual(unfixed, [], "every literal gets a fix");
        assert.ok(changed, "the settings module was fixed");
        assert.equal(answer.error, undefined, answer.error);
        assert.deepEqual(answer.diff, [], "settings differ");
        assert.equal(Object.keys(answer.before ?? {}).filter((k) => k.startsWith("VALUE_")).length, LITERALS.length);
      });
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

// Issue 13: the unsafe-default fixes (DJP304, DJP305, DJP330, DJP406, also through a project helper) keep every
// local value — what the code fell back to moves to `.env` — and fail safe where the variable is unset.
const UNSAFE_DEFAULTS: Idiom[] = [
  {
    name: "os idioms and a project helper",
    header: [
      "import os",
      "",
      "def envbool(name, default):",
      '    return os.getenv(name, default) == "True"',
      "",
      'DEBUG = envbool("DEBUG", "True")',
      'ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "*").split(",")',
      'CORS_ALLOW_ALL_ORIGINS = os.environ.get("CORS_ALL", "1").lower() in ("1", "true")',
      'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"',
      "",
    ].join("\n"),
  },
  {
    name: "django-environ",
    requires: "django-environ",
    header: [
      "import environ",
      "env = environ.Env(DEBUG=(bool, True))",
      'DEBUG = env("DEBUG")',
      'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
      'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"',
      "",
    ].join("\n"),
  },
  {
    name: "python-decouple",
    requires: "python-decouple",
    header: [
      "from decouple import config, Csv",
      'DEBUG = config("DEBUG", default=True, cast=bool)',
      'ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="*", cast=Csv())',
      'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"',
      "",
    ].join("\n"),
  },
];

const UNSET_SCRIPT = `
import json, os, sys
answers = []
for path in json.load(sys.stdin):
    for key in ("DEBUG", "ALLOWED_HOSTS", "CORS_ALL", "EMAIL_BACKEND"):
        os.environ.pop(key, None)
    namespace = {"__file__": path, "__name__": "settings"}
    try:
        with open(path, encoding="utf-8") as f:
            exec(compile(f.read(), path, "exec"), namespace)
        answers.append({k: repr(v) for k, v in namespace.items() if k.isupper()})
    except Exception as error:
        answers.append({"error": type(error).__name__})
json.dump(answers, sys.stdout)
`;

test("unsafe-default fixes keep local values in .env and fail safe without them (real python-dotenv)", async (t) => {
  const oracle = oraclePython("python-dotenv");
  if (!oracle.ok) return t.skip(oracle.skip);
  const runnable = UNSAFE_DEFAULTS.filter((idiom) => {
    if (!idiom.requires) return true;
    const lookup = oraclePython("python-dotenv", idiom.requires);
    if (!lookup.ok) console.log(`${lookup.skip} (${idiom.name})`);
    return lookup.ok;
  });
  const rules = ["DJP304", "DJP305", "DJP330", "DJP406"];
  const temp = mkdtempSync(join(tmpdir(), "djready-unsafe-"));
  try {
    const cases: Array<{ idiom: string; original: string; fixed: string; env: string }> = [];
    for (const idiom of runnable) {
      const original: FileMap = { "manage.py": MANAGE, "mysite/settings.py": idiom.header };
      const run = await fixUntilClean(original, rules, new Set());
      const fixedRules = new Set(run.applied.map((a) => a.rule));
      for (const rule of ["DJP304", "DJP305", "DJP406"]) assert.ok(fixedRules.has(rule), `${idiom.name}: ${rule} was fixed`);
      const dir = join(temp, idiom.name.replace(/\W+/g, "-"));
      writeTree(join(dir, "original"), original);
      writeTree(join(dir, "fixed"), run.files);
      cases.push({ idiom: idiom.name, original: join(dir, "original/mysite/settings.py"), fixed: join(dir, "fixed/mysite/settings.py"), env: join(dir, "fixed/.env") });
    }
    const local = spawnSync(oracle.python, ["-c", SCRIPT], { input: JSON.stringify(cases), encoding: "utf8", cwd: temp });
    assert.equal(local.status, 0, local.stderr);
    (JSON.parse(local.stdout) as Array<{ diff?: string[]; error?: string }>).forEach((answer, i) => {
      assert.equal(answer.error, undefined, `${cases[i]?.idiom}: ${answer.error}`);
      assert.deepEqual(answer.diff, [], `${cases[i]?.idiom}: local settings differ after the fixes`);
    });
    // Production: no .env file at all (the fixed settings now load it themselves where nothing did).
    for (const c of cases) rmSync(c.env, { force: true });
    const unset = spawnSync(oracle.python, ["-c", UNSET_SCRIPT], { input: JSON.stringify(cases.map((c) => c.fixed)), encoding: "utf8", cwd: temp });
    assert.equal(unset.status, 0, unset.stderr);
    (JSON.parse(unset.stdout) as Array<Record<string, string>>).forEach((answer, i) => {
      // ALLOWED_HOSTS now fails closed: the settings refuse to load without it.
      assert.ok(answer.error === "KeyError" || answer.error === "ImproperlyConfigured" || answer.error === "UndefinedValueError", `${cases[i]?.idiom}: ${JSON.stringify(answer)}`);
    });
    const withHosts = cases.map((c) => c.fixed);
    const hostsOnly = spawnSync(oracle.python, ["-c", UNSET_SCRIPT.replace('for key in ("DEBUG", "ALLOWED_HOSTS", "CORS_ALL", "EMAIL_BACKEND"):', 'os.environ["ALLOWED_HOSTS"] = "shop.example.com"\n    for key in ("DEBUG", "CORS_ALL", "EMAIL_BACKEND"):')], { input: JSON.stringify(withHosts), encoding: "utf8", cwd: temp });
    assert.equal(hostsOnly.status, 0, hostsOnly.stderr);
    (JSON.parse(hostsOnly.stdout) as Array<Record<string, string>>).forEach((answer, i) => {
      assert.equal(answer.DEBUG, "False", `${cases[i]?.idiom}: DEBUG is off when unset`);
      if ("CORS_ALLOW_ALL_ORIGINS" in answer) assert.equal(answer.CORS_ALLOW_ALL_ORIGINS, "False", cases[i]?.idiom);
      assert.equal(answer.EMAIL_BACKEND, "'django.core.mail.backends.smtp.EmailBackend'", cases[i]?.idiom);
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

// The `.pre-commit-hooks.yaml` of this repository, run by the real pre-commit tool (installed into a venv
// under the gitignored .cache/ folder) on a sample repository: a commit adding a hard-coded secret is
// refused, a clean one passes. Prints `skipped: <why>` when pre-commit cannot be had.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ALNUM, fake } from "../unit/secrets/fakeTokens";
import { commitAll, git, GIT_ENV, hasGit, initRepo, writeFiles } from "./gitRepo";
import { cliPath, ensureBuilt, removeTemp, repoRoot, tempDir } from "./helpers";

const VENV = join(repoRoot, ".cache/pre-commit-venv");
const PRE_COMMIT = join(VENV, "bin/pre-commit");

/** pre-commit from the venv, installed there on first use; a reason when it cannot be. */
function findPreCommit(): { path: string } | { skip: string } {
  if (!hasGit()) return { skip: "git is not installed" };
  if (existsSync(PRE_COMMIT)) return { path: PRE_COMMIT };
  const venv = spawnSync("python3", ["-m", "venv", VENV], { encoding: "utf8", timeout: 120_000 });
  if (venv.status !== 0) return { skip: `cannot create a Python venv: ${(venv.stderr || String(venv.error)).trim().split("\n").at(-1)}` };
  const pip = spawnSync(join(VENV, "bin/pip"), ["install", "--quiet", "--retries", "0", "--timeout", "15", "pre-commit"], { encoding: "utf8", timeout: 300_000 });
  if (pip.status !== 0 || !existsSync(PRE_COMMIT)) return { skip: `pip cannot install pre-commit: ${(pip.stderr || String(pip.error)).trim().split("\n").at(-1)}` };
  return { path: PRE_COMMIT };
}

const found = findPreCommit();
if ("skip" in found) console.log(`skipped: ${found.skip}`);

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
const CLEAN_SETTINGS = 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\nINSTALLED_APPS = []\n';
const SECRET = fake(ALNUM, 50, 31);

describe("pre-commit hook", { skip: "skip" in found ? found.skip : false }, () => {
  let work = "";
  let sample = "";
  let env: NodeJS.ProcessEnv = {};
  before(() => {
    ensureBuilt();
    work = tempDir();
    // The hook repository: this repository's hook definitions, committed, as pre-commit clones them.
    const hooks = join(work, "hooks");
    mkdirSync(hooks);
    initRepo(hooks);
    copyFileSync(join(repoRoot, ".pre-commit-hooks.yaml"), join(hooks, ".pre-commit-hooks.yaml"));
    const rev = commitAll(hooks, "hooks", 1);
    // `django-ready` on PATH, as `npm install -g` would put it.
    const bin = join(work, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "django-ready"), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
    chmodSync(join(bin, "django-ready"), 0o755);
    env = { ...GIT_ENV, PATH: `${bin}:${process.env.PATH ?? ""}`, PRE_COMMIT_HOME: join(work, "pre-commit-home") };
    sample = join(work, "sample");
    mkdirSync(sample);
    initRepo(sample);
    writeFiles(sample, {
      ".pre-commit-config.yaml": `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: django-ready\n`,
      "manage.py": MANAGE,
      "mysite/settings.py": CLEAN_SETTINGS,
    });
    const install = spawnSync(PRE_COMMIT, ["install"], { cwd: sample, env, encoding: "utf8" });
    assert.equal(install.status, 0, install.stderr + install.stdout);
  });
  after(() => removeTemp(work));

  const commit = (message: string) => {
    git(sample, ["add", "-A"]);
    return spawnSync("git", ["commit", "-m", message], { cwd: sample, env, encoding: "utf8" });
  };

  test("a clean commit passes", () => {
    const run = commit("clean start");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /django-ready\.+Passed/);
  });

  test("a commit that adds a hard-coded secret is refused, the secret masked", () => {
    writeFiles(sample, { "mysite/settings.py": CLEAN_SETTINGS.replace('os.environ["SECRET_KEY"]', `"${SECRET}"`) });
    const run = commit("hard-code the key");
    assert.notEqual(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /django-ready\.+Failed[\s\S]*DJP101/);
    assert.ok(!(run.stdout + run.stderr).includes(SECRET));
    assert.equal(git(sample, ["log", "--format=%s"]).trim(), "clean start");
  });

  test("a commit touching neither Python nor env files does not run the check", () => {
    git(sample, ["reset", "-q"]);
    git(sample, ["checkout", "-q", "--", "mysite/settings.py"]);
    writeFiles(sample, { "README.md": "sample\n" });
    const run = commit("docs");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /django-ready\.+\(no files to check\)Skipped/);
  });
});

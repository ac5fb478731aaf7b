// `django-ready history` on repositories the test builds: a secret committed then removed, a `.env` committed
// then untracked, a token on a side branch undone before the merge; masks everywhere; --since; a 10,000-commit
// repository built with `git fast-import` (its time is printed, not asserted).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { SarifLog } from "../../server/src/cli/format/sarif";
import { ALNUM, fake, LOWER, DIGITS } from "../unit/secrets/fakeTokens";
import { commitAll, git, hasGit, initRepo, writeFiles } from "./gitRepo";
import { ensureBuilt, hasStackTrace, removeTemp, runCli, tempDir } from "./helpers";

before(ensureBuilt);

const SECRET_KEY = fake(LOWER + DIGITS + "!@#$%^&*(-_=+)", 50, 11);
const DB_PASSWORD = fake(ALNUM, 24, 12);
const GITHUB_TOKEN = `ghp_${fake(ALNUM, 36, 13)}`;

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
const settingsWith = (key: string) => `import os\n\nSECRET_KEY = ${key}\nDEBUG = False\nALLOWED_HOSTS = ["example.com"]\nINSTALLED_APPS = []\n`;

interface JsonHistory {
  commits: number;
  versions: number;
  secrets: { rule: string; file: string; line: number; commit: string; date: string; stillInWorkingTree: boolean; masked: string; message: string }[];
  unread: unknown[];
}

function leaks(text: string): string[] {
  return [SECRET_KEY, DB_PASSWORD, GITHUB_TOKEN].filter((secret) => text.includes(secret) || text.includes(secret.slice(4, 20)));
}

describe("history of a project", { skip: hasGit() ? false : "git is not installed" }, () => {
  let dir = "";
  const commits: Record<string, string> = {};
  before(() => {
    dir = tempDir();
    initRepo(dir);
    writeFiles(dir, { "manage.py": MANAGE, "mysite/settings.py": settingsWith(JSON.stringify(SECRET_KEY)), "README.md": "demo\n" });
    commits.secret = commitAll(dir, "start the project", 1);
    writeFiles(dir, { "mysite/settings.py": settingsWith('os.environ["SECRET_KEY"]') });
    commits.removed = commitAll(dir, "read SECRET_KEY from the environment", 2);
    writeFiles(dir, { ".env": `DEBUG=0\nDATABASE_PASSWORD=${DB_PASSWORD}\n` });
    commits.env = commitAll(dir, "add .env", 3);
    git(dir, ["rm", "-q", "--cached", ".env"]);
    writeFiles(dir, { ".gitignore": ".env\n" });
    commits.untracked = commitAll(dir, "untrack .env", 4);
    // A token on a side branch, removed again before the merge: default history simplification would hide it.
    git(dir, ["checkout", "-q", "-b", "side"]);
    writeFiles(dir, { "mysite/settings/extra.py": `GITHUB_TOKEN = "${GITHUB_TOKEN}"\n` });
    commits.token = commitAll(dir, "side: token", 5);
    rmSync(join(dir, "mysite/settings"), { recursive: true });
    commitAll(dir, "side: drop the token", 6);
    git(dir, ["checkout", "-q", "main"]);
    git(dir, ["merge", "-q", "--no-ff", "side", "-m", "merge side"], undefined, { GIT_AUTHOR_DATE: "2024-01-07T12:00:00Z", GIT_COMMITTER_DATE: "2024-01-07T12:00:00Z" });
  });
  after(() => removeTemp(dir));

  test("names the commit of each secret, where it was, whether it is still there, and how to rotate", () => {
    const run = runCli(["history", dir, "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout) as JsonHistory;
    const byRule = new Map(out.secrets.map((s) => [s.rule, s]));
    const key = byRule.get("DJP101");
    assert.equal(key?.commit, commits.secret);
    assert.equal(key?.file, "mysite/settings.py");
    assert.equal(key?.line, 3);
    assert.equal(key?.date, "2024-01-01T12:00:00.000Z");
    assert.equal(key?.stillInWorkingTree, false);
    assert.match(key?.message ?? "", /SECRET_KEY_FALLBACKS/);
    const password = byRule.get("DJP102");
    assert.equal(password?.commit, commits.env);
    assert.equal(password?.file, ".env");
    assert.equal(password?.line, 2);
    // The file is untracked now but still on disk: the secret is still in the working tree.
    assert.equal(password?.stillInWorkingTree, true);
    assert.match(password?.message ?? "", /Revoke it at the provider/);
    const token = byRule.get("DJP103");
    assert.equal(token?.commit, commits.token);
    assert.equal(token?.file, "mysite/settings/extra.py");
    assert.equal(out.secrets.length, 3);
    assert.deepEqual(out.unread, []);
  });

  test("nothing leaks, in any format", () => {
    for (const format of ["text", "json", "sarif"]) {
      const run = runCli(["history", dir, "--format", format]);
      assert.equal(run.status, 1);
      assert.deepEqual(leaks(run.stdout + run.stderr), [], format);
      assert.ok(!hasStackTrace(run.stderr), run.stderr);
    }
  });

  test("text names both commits; sarif is a valid log with one result per secret", () => {
    const text = runCli(["history", dir]).stdout;
    assert.ok(text.includes(commits.secret!.slice(0, 12)) && text.includes(commits.env!.slice(0, 12)), text);
    assert.match(text, /3 secrets found in the history/);
    const sarif = JSON.parse(runCli(["history", dir, "--format", "sarif"]).stdout) as SarifLog;
    assert.equal(sarif.runs[0]?.results.length, 3);
  });

  test("--since leaves out what a REF already reached", () => {
    const out = JSON.parse(runCli(["history", dir, "--since", commits.removed!, "--format", "json"]).stdout) as JsonHistory;
    assert.deepEqual(out.secrets.map((s) => s.rule).sort(), ["DJP102", "DJP103"]);
    const bad = runCli(["history", dir, "--since", "no-such-branch"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /'no-such-branch' names no commit/);
    assert.equal(runCli(["history", dir, "--since", "--output=x"]).status, 2);
  });

  test("report --history adds a line to the readiness report", () => {
    const run = runCli(["report", dir, "--history"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /git history: 3 secrets/i);
    assert.deepEqual(leaks(run.stdout), []);
  });
});

describe("history outside a repository", () => {
  test("exit 2 with one line", () => {
    const dir = tempDir();
    try {
      writeFiles(dir, { "manage.py": MANAGE });
      const run = runCli(["history", dir]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /not inside a git repository/);
    } finally {
      removeTemp(dir);
    }
  });
});

/** A fast-import stream of `count` commits: an app file changes in each, settings.py every 100th, a key in one. */
function fastImportStream(count: number): string {
  const parts: string[] = [];
  const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 1; i <= count; i++) {
    const time = 1_700_000_000 + i * 60;
    parts.push(`commit refs/heads/main\nmark :${i}\ncommitter Fixture <fixture@example.invalid> ${time} +0000\n${blob(`commit ${i}`)}`);
    if (i > 1) parts.push(`from :${i - 1}\n`);
    parts.push(`M 100644 inline app/views_${i % 50}.py\n${blob(`# revision ${i}\nVIEWS = ${i}\n`)}`);
    if (i % 100 === 1) {
      const key = i === 5001 ? JSON.stringify(SECRET_KEY) : 'os.environ["SECRET_KEY"]';
      parts.push(`M 100644 inline mysite/settings.py\n${blob(`import os\nSECRET_KEY = ${key}\nREVISION = ${i}\nINSTALLED_APPS = []\n`)}`);
    }
    if (i === 1) parts.push(`M 100644 inline manage.py\n${blob(MANAGE)}`);
  }
  return parts.join("");
}

describe("a 10,000-commit repository", { skip: hasGit() ? false : "git is not installed" }, () => {
  test("runs, finds the one key, and prints its time", () => {
    const dir = tempDir();
    try {
      initRepo(dir);
      git(dir, ["fast-import", "--quiet"], fastImportStream(10_000));
      git(dir, ["checkout", "-q", "-f", "main"]);
      const started = process.hrtime.bigint();
      const run = runCli(["history", dir, "--format", "json"]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      assert.equal(run.status, 1, run.stderr);
      const out = JSON.parse(run.stdout) as JsonHistory;
      console.log(`history of 10,000 commits (${out.commits} touching settings, ${out.versions} versions read): ${seconds.toFixed(2)} s`);
      assert.equal(out.secrets.length, 1);
      assert.equal(out.secrets[0]?.rule, "DJP101");
      assert.equal(out.secrets[0]?.date, new Date((1_700_000_000 + 5001 * 60) * 1000).toISOString());
    } finally {
      removeTemp(dir);
    }
  });
});

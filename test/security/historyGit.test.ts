// The history scan reads a hostile repository (its config names programs for fsmonitor, textconv, external
// diff, filters and hooks) without running any of them, and still finds the secret.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { createDiskFileAccess } from "../../server/src/node/files";
import { resolveGit } from "../../server/src/node/git";
import { scanRootHistory } from "../../server/src/node/history-scan";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { ALNUM, fake } from "../unit/secrets/fakeTokens";

const realGit = resolveGit(tmpdir());
const KEY = fake(ALNUM, 50, 51);

before(() => initAnalysisFromDisk());

function hostileHistory(): { base: string; root: string; marker: (name: string) => string; markers: string[] } {
  const base = mkdtempSync(join(tmpdir(), "djr-history-hostile-"));
  const root = join(base, "repo");
  const git = (...args: string[]) =>
    spawnSync(realGit!, ["-c", "user.name=F", "-c", "user.email=f@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: root, stdio: "ignore" });
  mkdirSync(join(root, "mysite"), { recursive: true });
  spawnSync(realGit!, ["init", "-q", root], { stdio: "ignore" });
  writeFileSync(join(root, "mysite/settings.py"), `SECRET_KEY = "${KEY}"\nINSTALLED_APPS = []\n`);
  git("add", ".");
  git("commit", "-q", "-m", "one");
  const names = ["fsmonitor", "textconv", "external", "smudge", "clean", "process", "hook"];
  const marker = (name: string) => join(base, `${name}.marker`);
  writeFileSync(join(root, ".gitattributes"), "*.py diff=evil filter=evil\n");
  writeFileSync(
    join(root, ".git", "config"),
    [
      "[core]",
      "\trepositoryformatversion = 0",
      `\tfsmonitor = "touch '${marker("fsmonitor")}'"`,
      `\thooksPath = ${join(base, "hooks")}`,
      "[diff]",
      `\texternal = "touch '${marker("external")}'"`,
      '[diff "evil"]',
      `\ttextconv = "touch '${marker("textconv")}'; cat"`,
      '[filter "evil"]',
      `\tsmudge = "touch '${marker("smudge")}'; cat"`,
      `\tclean = "touch '${marker("clean")}'; cat"`,
      `\tprocess = "touch '${marker("process")}'"`,
      "",
    ].join("\n"),
  );
  mkdirSync(join(base, "hooks"));
  writeFileSync(join(base, "hooks", "post-checkout"), `#!/bin/sh\ntouch '${marker("hook")}'\n`, { mode: 0o755 });
  return { base, root, marker, markers: names.map(marker) };
}

test("history of a hostile repository runs no program of its config", { skip: realGit ? false : "skipped: no git executable" }, () => {
  const { base, root, markers } = hostileHistory();
  try {
    const scan = scanRootHistory(root, createDiskFileAccess(root), new Set(["mysite/settings.py"]));
    assert.equal(scan.failure, undefined);
    assert.deepEqual(scan.secrets.map((s) => s.rule), ["DJP101"]);
    assert.deepEqual(markers.filter(existsSync), []);
    // Plain git does run them on a diff of the work tree's files: the fixture really is hostile.
    spawnSync(realGit!, ["-c", "core.fsmonitor=false", "log", "-p", "--textconv"], { cwd: root, stdio: "ignore" });
    assert.equal(markers.some(existsSync), true);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

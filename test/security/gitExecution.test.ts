// A workspace's git configuration must never make this product run a program.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readGitSnapshot, gitTopLevel } from "../../server/src/node/git-status";
import { resolveGit, runGit } from "../../server/src/node/git";

const realGit = resolveGit(tmpdir());

function hostileRepo(): { root: string; markers: string[] } {
  const base = mkdtempSync(join(tmpdir(), "djr-fsmonitor-"));
  const root = join(base, "repo");
  const plain = (...args: string[]) => spawnSync(realGit!, args, { cwd: base, stdio: "ignore" });
  plain("init", "-q", root);
  const markers = ["direct", "relative", "included"].map((name) => join(base, `${name}.marker`));
  writeFileSync(join(root, "hook.sh"), `#!/bin/sh\ntouch '${markers[1]}'\n`);
  chmodSync(join(root, "hook.sh"), 0o755);
  writeFileSync(join(root, "included.cfg"), `[core]\n\tfsmonitor = "touch '${markers[2]}'"\n`);
  writeFileSync(join(root, ".env"), "SECRET=x\n");
  // Index exists so that ls-files would consult the fsmonitor.
  spawnSync(realGit!, ["-c", "core.fsmonitor=false", "add", ".env"], { cwd: root, stdio: "ignore" });
  const config = join(root, ".git", "config");
  writeFileSync(config, `[core]\n\trepositoryformatversion = 0\n\tfsmonitor = "touch '${markers[0]}'"\n[include]\n\tpath = ${join(root, "included.cfg")}\n`);
  return { root, markers };
}

test("git reads of a workspace whose config sets core.fsmonitor run nothing", { skip: realGit ? false : "skipped: no git executable" }, () => {
  const { root, markers } = hostileRepo();
  const snapshot = readGitSnapshot(root);
  assert.equal(snapshot?.status(".env"), "tracked");
  assert.equal(gitTopLevel(root) !== undefined, true);
  assert.deepEqual(markers.filter(existsSync), []);
  // The same repository does run the hook under plain git: the fixture really is hostile.
  spawnSync(realGit!, ["ls-files"], { cwd: root, stdio: "ignore" });
  assert.equal(markers.some(existsSync), true);
});

test("a git executable inside the workspace is never the one run", () => {
  const base = mkdtempSync(join(tmpdir(), "djr-fakegit-"));
  const marker = join(base, "fake-git-ran");
  writeFileSync(join(base, "git"), `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(join(base, "git"), 0o755);
  const savedPath = process.env.PATH;
  process.env.PATH = `${base}:.:${savedPath}`;
  try {
    const found = resolveGit(base);
    assert.notEqual(found, join(base, "git"));
    runGit(base, base, ["--version"]);
    assert.equal(existsSync(marker), false);
  } finally {
    process.env.PATH = savedPath;
  }
});

// A workspace's git configuration must never make this product run a program.
import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readGitSnapshot, gitTopLevel } from "../../server/src/node/git-status";
import { resolveGit, runGit } from "../../server/src/node/git";
import { checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import { CodeActionRequest } from "vscode-languageserver-protocol";
import { ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { cli, MANAGE_PY, SETTINGS_PY } from "./hostile";

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

describe("no git hook runs from the products on a hostile repository", { skip: realGit ? false : "skipped: no git executable", timeout: 120_000 }, () => {
  function hostileProject(): { root: string; markers: string[] } {
    const repo = hostileRepo();
    writeFileSync(join(repo.root, "manage.py"), MANAGE_PY);
    mkdirSync(join(repo.root, "mysite"), { recursive: true });
    writeFileSync(join(repo.root, "mysite", "settings.py"), SETTINGS_PY);
    return repo;
  }

  for (const args of [["check", "."], ["check", "--format", "sarif", "."], ["report", "."], ["check", "--fix", "."]]) {
    it(`CLI ${args.join(" ")}`, () => {
      const { root, markers } = hostileProject();
      const run = cli(args, root);
      assert.notEqual(run.status, null);
      assert.deepEqual(markers.filter(existsSync), []);
    });
  }

  it("a language-server session (start, analysis, code actions, workspace check, shutdown)", async () => {
    ensureServerBuilt();
    const { root, markers } = hostileProject();
    const client = LspTestClient.start();
    try {
      await client.initialize(root);
      const uri = fileUri(join(root, "mysite", "settings.py"));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === "DJP101"), 30_000);
      await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      });
      await client.connection.sendRequest(checkWorkspaceMethod);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
    assert.deepEqual(markers.filter(existsSync), []);
  });
});

test("a git reached through a symlink into the workspace is not the one run", () => {
  const base = mkdtempSync(join(tmpdir(), "djr-linkedgit-"));
  const workspace = join(base, "ws");
  const bin = join(base, "bin");
  mkdirSync(workspace);
  mkdirSync(bin);
  const marker = join(base, "linked-git-ran");
  writeFileSync(join(workspace, "fake-git"), `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(join(workspace, "fake-git"), 0o755);
  symlinkSync(join(workspace, "fake-git"), join(bin, "git"));
  const savedPath = process.env.PATH;
  process.env.PATH = `${bin}:${savedPath}`;
  try {
    assert.notEqual(resolveGit(workspace), join(bin, "git"));
    runGit(workspace, workspace, ["--version"]);
    assert.equal(existsSync(marker), false);
  } finally {
    process.env.PATH = savedPath;
  }
});

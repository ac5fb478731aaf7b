// The editor's quick fixes follow the guarded writer's rules: nothing through a symlink, over an undecodable file, or
// into a tracked .env.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CodeActionRequest, type CodeAction, type Diagnostic } from "vscode-languageserver-protocol";
import { resolveGit } from "../../server/src/node/git";
import { ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { initializeRichEditor } from "../lsp/editorProfile";
import { workspace, type Workspace } from "./hostile";

const MOVE = "Move SECRET_KEY to environment variable SECRET_KEY";

async function quickFixTitles(ws: Workspace): Promise<string[]> {
  ensureServerBuilt();
  const client = LspTestClient.start();
  try {
    await initializeRichEditor(client, ws.root);
    const uri = fileUri(join(ws.root, "mysite/settings.py"));
    const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === "DJP101"), 30_000);
    const secret = diagnostics.filter((d) => d.code === "DJP101");
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: secret[0]!.range,
      context: { diagnostics: secret, only: ["quickfix"] },
    })) as CodeAction[];
    return actions.map((action) => action.title);
  } finally {
    client.dispose();
  }
}

describe("quick fixes on hostile env files", { timeout: 120_000 }, () => {
  it("are offered on an ordinary project (the fixture is sound)", async () => {
    assert.ok((await quickFixTitles(workspace())).includes(MOVE));
  });

  it("are not offered when .env is a symlink out of the root", async () => {
    const ws = workspace();
    writeFileSync(join(ws.outside, "rc"), "# rc\n");
    symlinkSync(join(ws.outside, "rc"), join(ws.root, ".env"));
    assert.ok(!(await quickFixTitles(ws)).includes(MOVE));
  });

  it("are not offered when .env is not valid UTF-8", async () => {
    const ws = workspace({ ".env": Buffer.from([0x41, 0x3d, 0xff, 0x0a]) });
    assert.ok(!(await quickFixTitles(ws)).includes(MOVE));
  });

  it("are not offered when git tracks .env", async (t) => {
    const git = resolveGit(process.cwd());
    if (!git) return t.skip("skipped: no git executable");
    const ws = workspace({ ".env": "DEBUG=0\n" });
    spawnSync(git, ["init", "-q"], { cwd: ws.root });
    spawnSync(git, ["add", ".env"], { cwd: ws.root });
    assert.ok(!(await quickFixTitles(ws)).includes(MOVE));
  });
});

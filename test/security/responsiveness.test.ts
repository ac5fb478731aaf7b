// A long analysis runs off the protocol thread: requests, shutdown included, are answered while it runs.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import { ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { SETTINGS_PY, workspace } from "./hostile";

/** A settings module of about 700 KB: seconds of analysis. */
function largeSettings(): string {
  const lines = Array.from({ length: 12_000 }, (_, i) => `SETTING_${i} = os.environ.get("VARIABLE_${i}", "default-value-${i}")`);
  return `import os\n${lines.join("\n")}\n${SETTINGS_PY}`;
}

describe("language server during a long analysis", { timeout: 120_000 }, () => {
  it("answers shutdown before the analysis under way ends, and exits", async () => {
    ensureServerBuilt();
    const ws = workspace({ "mysite/settings.py": largeSettings() });
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      let checkSettled = false;
      // The workspace check waits for a full analysis of the large module in the worker.
      const check = client.connection.sendRequest(checkWorkspaceMethod).then(
        () => (checkSettled = true),
        () => (checkSettled = true),
      );
      await client.connection.sendRequest("shutdown");
      assert.equal(checkSettled, false, "shutdown was only answered after the analysis");
      const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
      assert.equal(client.latestDiagnostics(settingsUri), undefined, "the analysis had already ended: the test proves nothing");
      await client.connection.sendNotification("exit");
      assert.equal(await client.waitForExit(10_000), 0);
      void check;
    } finally {
      client.dispose();
    }
  });
});

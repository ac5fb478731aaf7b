// Malformed protocol input is rejected and the connection goes on.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it, test } from "node:test";
import { HoverRequest } from "vscode-languageserver-protocol";
import { FramingGuard, MAX_MESSAGE_BYTES } from "../../server/src/lsp/framing";
import { ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { workspace } from "./hostile";

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const request = (id: number) => JSON.stringify({ jsonrpc: "2.0", id, method: "x", params: {} });

/** What the guard passes on for `chunks` fed in order, and the drops it reported. */
function guarded(chunks: readonly (string | Buffer)[]): { out: string; reports: string[] } {
  const reports: string[] = [];
  const guard = new FramingGuard((line) => reports.push(line));
  const out: Buffer[] = [];
  guard.on("data", (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) guard.write(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return { out: Buffer.concat(out).toString(), reports };
}

describe("FramingGuard", () => {
  test("passes well-formed frames unchanged, whatever the chunking", () => {
    const input = frame(request(1)) + frame(request(2));
    const oneByOne = [...input].map((ch) => ch);
    assert.equal(guarded([input]).out, input);
    assert.equal(guarded(oneByOne).out, input);
  });

  for (const [what, header] of [
    ["not a number", "Content-Length: abc"],
    ["negative", "Content-Length: -5"],
    ["missing", "Content-Type: application/json"],
    ["over the limit", `Content-Length: ${MAX_MESSAGE_BYTES + 1}`],
  ]) {
    test(`drops a frame whose Content-Length is ${what} and delivers the next one`, () => {
      const { out, reports } = guarded([`${header}\r\n\r\n{"jsonrpc":"2.0","method":"junk"}`, frame(request(7))]);
      assert.equal(out, frame(request(7)));
      assert.equal(reports.length >= 1, true);
    });
  }

  test("a length too short: the rest of the body is skipped as garbage, the next message still arrives", () => {
    const body = request(3);
    const { out } = guarded([`Content-Length: 5\r\n\r\n${body}`, frame(request(4))]);
    assert.equal(out, frame(request(4)));
  });

  test("drops a body that is not JSON and a didOpen without text", () => {
    const didOpen = JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri: "file:///x.py", languageId: "python", version: 1 } } });
    const { out, reports } = guarded([frame("{not json"), frame(didOpen), frame(request(5))]);
    assert.equal(out, frame(request(5)));
    assert.deepEqual(reports, ["dropped a body that is not JSON", "dropped a didOpen without uri, version or text"]);
  });
});

describe("language server on malformed input", { timeout: 60_000 }, () => {
  it("answers requests after a malformed Content-Length and analyses after a didOpen without text", async () => {
    ensureServerBuilt();
    const ws = workspace({ "mysite/settings.py": "DEBUG = False\n" });
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      const uri = fileUri(join(ws.root, "mysite/settings.py"));
      await client.waitForDiagnostics(uri, (d) => d.length > 0, 20_000);
      client.process.stdin!.write('Content-Length: 12x\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}');
      client.process.stdin!.write("Content-Length: 99999999999\r\n\r\n{}");
      const didOpenWithoutText = JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "python", version: 1 } } });
      client.process.stdin!.write(frame(didOpenWithoutText));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.equal(hover, null);
      await client.openText(uri, "DEBUG = True\n");
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === "DJP301"), 20_000);
      assert.ok(diagnostics.some((d) => d.code === "DJP301"));
      assert.match((client as unknown as { stderr: string }).stderr, /dropped malformed Content-Length/);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });
});

describe("language server over node-ipc (no framing guard)", { timeout: 60_000 }, () => {
  it("ignores a didOpen without text and keeps analysing the folder", async () => {
    ensureServerBuilt();
    const ws = workspace({ "mysite/settings.py": "DEBUG = False\n", "mysite/urls.py": "urlpatterns = []\n" });
    const client = LspTestClient.start("node-ipc");
    try {
      await client.initialize(ws.root);
      const uri = fileUri(join(ws.root, "mysite/settings.py"));
      await client.waitForDiagnostics(uri, (d) => d.length > 0, 20_000);
      const urls = fileUri(join(ws.root, "mysite/urls.py"));
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: urls, languageId: "python", version: 1 } });
      await client.openText(uri, "DEBUG = True\n");
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === "DJP301"), 20_000);
      assert.ok(diagnostics.some((d) => d.code === "DJP301"));
    } finally {
      client.dispose();
    }
  });
});

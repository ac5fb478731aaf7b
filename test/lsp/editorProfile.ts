// Feature tests drive the server as an editor with rich workspace edits would (VS Code's profile for what they use).
import type { InitializeResult } from "vscode-languageserver/node";
import { fileUri, type LspTestClient } from "./client";

/** initialize + initialized for a client that takes documentChanges with file creation and opens documents on request. */
export async function initializeRichEditor(client: LspTestClient, root: string): Promise<InitializeResult> {
  const result = await client.connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: fileUri(root),
    workspaceFolders: [{ uri: fileUri(root), name: "workspace" }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
      },
      window: { showDocument: { support: true } },
      textDocument: { publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true } },
    },
  });
  await client.connection.sendNotification("initialized", {});
  return result as InitializeResult;
}

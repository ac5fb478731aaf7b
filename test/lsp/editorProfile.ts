// Feature tests drive the server as an editor with rich workspace edits would (VS Code's profile for what they use).
import type { InitializeResult } from "vscode-languageserver/node";
import type { LspTestClient } from "./client";

/** initialize + initialized for a client that takes documentChanges with file creation and opens documents on request. */
export function initializeRichEditor(client: LspTestClient, root: string): Promise<InitializeResult> {
  return client.initialize(root, {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
    },
    window: { showDocument: { support: true } },
    textDocument: { publishDiagnostics: { codeDescriptionSupport: true, dataSupport: true } },
  });
}

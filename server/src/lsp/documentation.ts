// "Show documentation for <ID>": a server command that asks the client to open the rule's page in the browser.
import type { Connection } from "vscode-languageserver/node";
import { helpUri } from "../analysis/rules/meta";

export const showDocumentationCommand = "djangoReady.showDocumentation";

/** Only rule ids are accepted, so the command cannot be made to open an arbitrary address. */
const RULE_ID = /^DJP\d{3}$/;

/** Resolves with whether the page was shown; clients without window/showDocument get the link as a message. */
export async function showDocumentation(connection: Connection, args: readonly unknown[] | undefined): Promise<boolean> {
  const rule = args?.[0];
  if (typeof rule !== "string" || !RULE_ID.test(rule)) throw new Error("expected a rule id such as DJP101");
  const uri = helpUri(rule);
  try {
    return (await connection.window.showDocument({ uri, external: true })).success;
  } catch {
    void connection.window.showInformationMessage(`Documentation for ${rule}: ${uri}`);
    return false;
  }
}

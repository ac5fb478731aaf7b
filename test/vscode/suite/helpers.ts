// Helpers for the tests inside the extension host: the fixture workspace, polling, diagnostics by rule.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import * as vscode from "vscode";

export const extensionId = "django-ready.django-ready";

/** The temporary copy of test/fixtures/e2e/single that run.ts opened as the workspace. */
export function workspaceRoot(): string {
  const root = process.env.DJREADY_WORKSPACE;
  if (!root) throw new Error("DJREADY_WORKSPACE is not set (run the suite with npm run test:vscode)");
  return root;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(join(workspaceRoot(), relativePath));
}

export function readFromDisk(relativePath: string): string | undefined {
  const path = join(workspaceRoot(), relativePath);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Polls `probe` until it returns a value (not undefined); no fixed sleeps. */
export async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

/** The rule id of a diagnostic: its code, plain or with a documentation link. */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (typeof code === "object" && code !== null) return String(code.value);
  return code === undefined ? "" : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)}`).join(", ");
}

/** Waits until the file's diagnostics include every expected "RULE@line" (1-based lines). */
export async function waitForDiagnostics(uri: vscode.Uri, expected: string[]): Promise<vscode.Diagnostic[]> {
  const present = (diagnostics: readonly vscode.Diagnostic[]) =>
    expected.every((item) => diagnostics.some((d) => `${ruleOf(d)}@${d.range.start.line + 1}` === item));
  try {
    return await poll(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return present(diagnostics) ? diagnostics : undefined;
    }, `${expected.join(", ")} in ${uri.fsPath}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; got: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`);
  }
}

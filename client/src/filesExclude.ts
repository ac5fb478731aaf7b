// VS Code's files.exclude, passed to the server inside the djangoReady section it pulls per workspace folder,
// so every analysis (not only the workspace check) leaves those files out.
import { type ConfigurationChangeEvent, Uri, workspace } from "vscode";
import type { ConfigurationRequest } from "vscode-languageclient/node";
import { settingsSection } from "../../server/src/lsp/settings";

/** The globs of files.exclude that are on; `when` clauses (sibling conditions) are not expressible as globs. */
export function filesExcludeGlobs(scope: Uri | undefined): string[] {
  const setting = workspace.getConfiguration("files", scope).get<Record<string, unknown>>("exclude") ?? {};
  return Object.entries(setting)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export const addFilesExclude: ConfigurationRequest.MiddlewareSignature = async (params, token, next) => {
  const result = await next(params, token);
  if (!Array.isArray(result)) return result;
  return result.map((value: unknown, index) => {
    const item = params.items[index];
    if (item?.section !== settingsSection) return value;
    const scope = item.scopeUri === undefined ? undefined : Uri.parse(item.scopeUri);
    return { ...(typeof value === "object" && value !== null ? value : {}), filesExclude: filesExcludeGlobs(scope) };
  });
};

export function affectsFilesExclude(event: ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration("files.exclude");
}

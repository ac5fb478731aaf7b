// The settings each module evaluates to (its own statements plus what it star-imports), for rules that judge
// "every settings module where the code stands" but need the module's whole view (a base's LOGGING patched later).
import { resolveDeployed, type DeployedSettings } from "../project/deployed";
import type { SettingsModuleInfo } from "../project/model";
import type { RuleContext } from "./rule";

export interface ModuleView {
  module: SettingsModuleInfo;
  settings: DeployedSettings;
}

function pythonFiles(context: RuleContext): string[] {
  return context.project.files.filter((file) => file.endsWith(".py"));
}

/** Views of the deployed modules and of every settings module whose own statements touch `setting`. */
export function viewsTouching(context: RuleContext, setting: string): ModuleView[] {
  const views: ModuleView[] = [...context.deployed];
  const files = pythonFiles(context);
  for (const module of context.project.settings) {
    if (views.some((view) => view.module.file === module.file)) continue;
    if (!module.python.statements.some((s) => s.kind !== "starImport" && s.kind !== "call" && s.name === setting)) continue;
    views.push({ module, settings: resolveDeployed(module, context.project.settings, files, context.project.root) });
  }
  return views;
}

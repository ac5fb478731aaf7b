// DJP001 (RULES.md 0xx): a project whose settings are split, but none has role production or single, has no
// deployed settings to judge.
import { basename } from "../project/paths";
import { isDeployed, resolveModule, type DjangoProject, type SettingsModuleInfo } from "../project/model";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";

/** The settings module manage.py names as DJANGO_SETTINGS_MODULE, if it is one of the project's. */
function namedByManage(project: DjangoProject): SettingsModuleInfo | undefined {
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  for (const mention of project.defaults) {
    if (basename(mention.file) !== "manage.py") continue;
    const file = resolveModule(mention.module, pythonFiles, project.root);
    const module = project.settings.find((m) => m.file === file);
    if (module) return module;
  }
  return undefined;
}

function noProductionSettings({ project }: RuleContext): RuleFinding[] {
  if (project.settings.length < 2 || project.settings.some(isDeployed)) return [];
  const target = namedByManage(project) ?? project.settings[0];
  return [{
    rule: "DJP001",
    file: target.file,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: `None of the ${project.settings.length} settings modules of this project is a production module, so no deployed settings can be judged; name the deployed one production.py or configure djangoReady.productionSettings.`,
  }];
}

export const projectRules: RuleModule = {
  ids: ["DJP001"],
  check: noProductionSettings,
};

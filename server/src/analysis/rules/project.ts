// DJP001 (RULES.md 0xx): a project whose settings are split, but none has role production or single, has no
// deployed settings to judge.
import { isDeployed, type DjangoProject, type SettingsModuleInfo } from "../project/model";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";

/** The settings module manage.py names as DJANGO_SETTINGS_MODULE, if it is one of the project's. */
function namedByManage(project: DjangoProject): SettingsModuleInfo | undefined {
  const named = project.references.find((r) => r.reference.kind === "manage");
  return named && project.settings.find((m) => m.file === named.file);
}

function noProductionSettings({ project }: RuleContext): RuleFinding[] {
  if (project.settings.length < 2 || project.settings.some(isDeployed)) return [];
  // A production module that is a template is reported as not judged (DJP004), not as missing.
  if (project.templates.some((file) => file.endsWith(".py"))) return [];
  const target = namedByManage(project) ?? project.settings[0];
  return [{
    rule: "DJP001",
    file: target.file,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: `None of the ${project.settings.length} settings modules of this project is a production module, so no deployed settings can be judged; name the deployed one production.py or configure djangoReady.productionSettings.`,
  }];
}

/** DJP004: one finding per project, at line 1 of its first template file, naming how many were skipped. */
function templateFiles({ project }: RuleContext): RuleFinding[] {
  const [first] = project.templates;
  if (!first) return [];
  const count = project.templates.length;
  return [{
    rule: "DJP004",
    file: first,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: `${count} template file${count === 1 ? "" : "s"} (Jinja/cookiecutter syntax, or under a folder named with {{) left unjudged: they are templates for a project, not its code.`,
  }];
}

export const projectRules: RuleModule = {
  ids: ["DJP001", "DJP004"],
  check: (context) => [...noProductionSettings(context), ...templateFiles(context)],
};

// The shape every rule module has: a project in, findings out. Severity comes from the catalogue and the config.
import type { Config, FileAccess, Finding, RuleId } from "../types";
import type { DeployedSettings } from "../project/deployed";
import type { DjangoProject, SettingsModuleInfo } from "../project/model";

export interface DeployedModule {
  module: SettingsModuleInfo;
  settings: DeployedSettings;
}

export interface RuleContext {
  project: DjangoProject;
  access: FileAccess;
  config: Config;
  /** The production and single modules with their deployed settings (empty when there is none). */
  deployed: DeployedModule[];
  /** Read a file of the project (undefined when unreadable). */
  read(path: string): string | undefined;
}

/** A finding before the engine applies the configured severity. */
export type RuleFinding = Omit<Finding, "severity">;

export interface RuleModule {
  /** Ids this module can report (for `off` short-circuiting and docs). */
  ids: readonly RuleId[];
  check(context: RuleContext): RuleFinding[];
}

// Every rule module, in catalogue order. The engine runs them all on each Django project.
import { debugRules } from "./debug";
import type { RuleModule } from "./rule";

export const ruleModules: readonly RuleModule[] = [debugRules];

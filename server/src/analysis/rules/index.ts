// Every rule module, in catalogue order. The engine runs them all on each Django project.
import { debugRules } from "./debug";
import { deployCheckRules } from "./deployChecks";
import { loggingRules } from "./logging";
import { serverRules } from "./server";
import { storageRules } from "./storage";
import { environmentValueRules } from "./environmentValues";
import { envTypeRules } from "./envTypes";
import { envFileRules } from "./envFiles";
import { envReferenceRules } from "./envReferences";
import { projectRules } from "./project";
import type { RuleModule } from "./rule";
import { secretRules } from "./secrets";

export const ruleModules: readonly RuleModule[] = [projectRules, secretRules, environmentValueRules, envTypeRules, envReferenceRules, storageRules, debugRules, deployCheckRules, loggingRules, serverRules, envFileRules];

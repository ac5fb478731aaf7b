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
import { generatedKeyRules } from "./generatedKey";
import { unsafeDefaultRules } from "./unsafeDefaults";

export const ruleModules: readonly RuleModule[] = [projectRules, secretRules, environmentValueRules, envTypeRules, envReferenceRules, generatedKeyRules, storageRules, debugRules, unsafeDefaultRules, deployCheckRules, loggingRules, serverRules, envFileRules];

// DEBUG is off (RULES.md 3xx): DJP301 DEBUG, DJP302 template debug, DJP303 ALLOWED_HOSTS — judged on deployed settings.
import { dictGet, literalTruthiness, stringItems, walkValue } from "../python/values";
import type { Fix } from "../types";
import { allowedHostsFromEnvFix, debugFromEnvFix } from "../fixes/settingFromEnv";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";

const fixList = (fix: Fix | undefined): Fix[] | undefined => (fix ? [fix] : undefined);

function debugFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ module, settings }) => {
    const debug = settings.get("DEBUG");
    if (!debug || literalTruthiness(debug.value) !== true) return [];
    return [{
      rule: "DJP301" as const,
      file: debug.file,
      range: debug.value.range,
      message: `DEBUG is ${debug.value.file === module.file ? "" : "inherited as "}a truthy literal in the settings deployed by ${module.module}: every error page would show tracebacks, settings and SQL to visitors.`,
      fixes: fixList(debugFromEnvFix(context, debug.value)),
    }];
  });
}

function templateDebugFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ settings }) => {
    const templates = settings.get("TEMPLATES");
    if (!templates) return [];
    const out: RuleFinding[] = [];
    for (const visit of walkValue(templates.value, "TEMPLATES")) {
      if (visit.value.kind !== "dict") continue;
      const debug = dictGet(dictGet(visit.value, "OPTIONS")?.value, "debug");
      if (debug && literalTruthiness(debug.value) === true) {
        out.push({
          rule: "DJP302",
          file: debug.file,
          range: debug.keyRange,
          message: `TEMPLATES OPTIONS "debug" is a truthy literal in deployed settings: template errors would render debug pages in production.`,
        });
      }
    }
    return out;
  });
}

function allowedHostsFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ settings }) => {
    const hosts = settings.get("ALLOWED_HOSTS");
    const items = stringItems(hosts?.value);
    if (!hosts || !items) return [];
    const problem = items.length === 0 ? "is empty, so Django rejects every request once DEBUG is off" : items.includes("*") ? 'contains "*", so any Host header is accepted (cache poisoning, password-reset links to other hosts)' : undefined;
    if (!problem) return [];
    return [{ rule: "DJP303" as const, file: hosts.file, range: hosts.value.range, message: `ALLOWED_HOSTS ${problem}; read the hosts from the environment.`, fixes: fixList(allowedHostsFromEnvFix(context, hosts.value)) }];
  });
}

export const debugRules: RuleModule = {
  ids: ["DJP301", "DJP302", "DJP303"],
  check: (context) => [...debugFindings(context), ...templateDebugFindings(context), ...allowedHostsFindings(context)],
};

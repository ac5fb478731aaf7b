// Credentials come from the environment (RULES.md 1xx): DJP101 SECRET_KEY, DJP102 credential names, DJP103 provider
// tokens, DJP104 passwords in URLs, DJP105 credential env lookups with a default — judged in every settings module
// where the code stands, one finding per literal: the first rule of PRECEDENCE that applies.
import type { Range } from "../types";
import { sameRange } from "../ranges";
import type { SettingsModuleInfo } from "../project/model";
import { isDevOrTest } from "../project/model";
import { classRole } from "../project/roles";
import type { StatementGroup } from "../python/module";
import { dictGet, entryKey, type Value } from "../python/values";
import { isCredentialName, splitNameWords } from "../secrets/credentialName";
import { djangoKeyWeakness } from "../secrets/djangoKey";
import { maskSecret } from "../secrets/mask";
import { isPlaceholder } from "../secrets/placeholder";
import { couldBeCredential } from "../secrets/notSecret";
import { findProviderTokens, isGoogleServiceAccount } from "../secrets/tokens";
import { findUrlPassword, urlContext } from "../secrets/urlPassword";
import { extractToEnvFixes } from "../fixes/extract";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { describeVisit, settingValues, type SettingValueVisit } from "./settingValues";

type SecretRule = "DJP101" | "DJP102" | "DJP103" | "DJP104" | "DJP105";

/** RULES.md "One finding per literal". */
const PRECEDENCE: readonly SecretRule[] = ["DJP101", "DJP105", "DJP103", "DJP104", "DJP102"];

/** RULES.md "Dev/test modules": only a real provider token is reported in development and test modules. */
const REPORTED_IN_DEV_OR_TEST: ReadonlySet<SecretRule> = new Set(["DJP103"]);

const SECRET_KEY_SETTINGS = new Set(["SECRET_KEY", "SECRET_KEY_FALLBACKS"]);
const SECRET_KEY_VARIABLES = new Set(["SECRET_KEY", "DJANGO_SECRET_KEY"]);

/** A string literal of a settings module, with its place in the settings walk when a module-level statement writes it. */
interface LiteralSite {
  value: string;
  /** The literal expression: what a fix replaces. */
  range: Range;
  /** Where its finding goes: the literal, or the key of the dict entry that holds it. */
  anchor: Range;
  visit?: SettingValueVisit;
  /** Names the literal is assigned near (setting, key, keyword, env variable), for shapes that are only distinctive near one. */
  names: string[];
  /** The `private_key` of a dict literal describing a Google service account. */
  serviceAccountKey: boolean;
}

// --- the rules, each judging one literal: a message when it applies ---

function hardCodedSecretKey(site: LiteralSite): string | undefined {
  const visit = site.visit;
  if (!visit || !visit.named || visit.path.length !== 1 || !SECRET_KEY_SETTINGS.has(visit.name)) return undefined;
  if ((visit.holder !== "statement" && visit.holder !== "item") || site.value === "") return undefined;
  const subject = visit.name === "SECRET_KEY" && visit.holder === "statement" ? "SECRET_KEY" : `An entry of ${visit.name}`;
  const weakness = djangoKeyWeakness(site.value);
  const alsoWeak = weakness ? `, and it is also weak by Django's rule (${weakness})` : "";
  return `${subject} is a hard-coded string literal, so anyone who can read the code can forge sessions, password-reset links and signed data${alsoWeak}; read it from the environment.`;
}

function credentialEnvDefault(site: LiteralSite): string | undefined {
  const visit = site.visit;
  const lookup = visit?.defaultOf;
  if (!visit || visit.holder !== "default" || !lookup) return undefined;
  const variable = lookup.variable;
  const forSecretKey = (visit.named && visit.path.length === 1 && SECRET_KEY_SETTINGS.has(visit.name)) || (variable !== undefined && SECRET_KEY_VARIABLES.has(variable));
  const forCredential = forSecretKey || (visit.named && isCredentialName(visit.name)) || (variable !== undefined && isCredentialName(variable));
  if (!forCredential) return undefined;
  if (forSecretKey ? site.value === "" : !couldBeCredential(site.value, site.names)) return undefined;
  const subject = variable ? `The env lookup for ${variable}` : `The env lookup of ${describeVisit(visit)}`;
  return `${subject} falls back to the hard-coded default ${maskSecret(site.value)}, so a deployment with the variable unset silently runs on a public value; drop the default.`;
}

function providerToken(site: LiteralSite, role: ModuleKind): string | undefined {
  const [token] = findProviderTokens(site.value, site.names.join(" "));
  const provider = site.serviceAccountKey ? "Google service account private key" : token?.provider;
  if (!provider) return undefined;
  const text = token ? site.value.slice(token.start, token.end) : site.value;
  const kind = role === "test" || isTestModeKey(text, site.names) ? "a test-mode credential" : "a live credential";
  return `${placeOf(site, "The string")} holds a ${provider} (${maskSecret(text)}), ${kind} anyone who can read the code can use; revoke it and read it from the environment.`;
}

/** `sk_test_…`/`rk_test_…`, or a key whose name says test (`STRIPE_TEST_SECRET_KEY`). */
function isTestModeKey(token: string, names: readonly string[]): boolean {
  return /^(?:sk|rk|pk)_test_/.test(token) || names.some((name) => splitNameWords(name).some((word) => word === "TEST" || word === "SANDBOX"));
}

function passwordInUrl(site: LiteralSite): string | undefined {
  const found = findUrlPassword(site.value);
  if (!found || isPlaceholder(percentDecoded(found.password), [urlContext(site.value, found)])) return undefined;
  return `${placeOf(site, "The URL")} carries the password ${maskSecret(found.password)}, so anyone who can read the code can log in to that service; read the URL from the environment.`;
}

function hardCodedCredential(site: LiteralSite): string | undefined {
  const visit = site.visit;
  if (!visit || !visit.named || visit.holder === "default" || !isCredentialName(visit.name)) return undefined;
  if (!couldBeCredential(site.value, site.names)) return undefined;
  return `${describeVisit(visit)} holds the hard-coded credential ${maskSecret(site.value)}, so anyone who can read the code has it; read it from the environment.`;
}

/** What the module is, for the judges: test modules hold test keys (DJP103 says "test-mode" there). */
type ModuleKind = "deployable" | "development" | "test";

const JUDGES: Record<SecretRule, (site: LiteralSite, role: ModuleKind) => string | undefined> = {
  DJP101: hardCodedSecretKey,
  DJP102: hardCodedCredential,
  DJP103: providerToken,
  DJP104: passwordInUrl,
  DJP105: credentialEnvDefault,
};

function placeOf(site: LiteralSite, what: string): string {
  if (!site.visit) return `${what} literal`;
  const lookup = site.visit.holder === "default" ? site.visit.defaultOf : undefined;
  if (lookup?.variable) return `${what} defaulting the env lookup for ${lookup.variable}`;
  return `${what} in ${describeVisit(site.visit)}`;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// --- the literals of a module ---

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The `private_key` values of the dict literals that describe a Google service account. */
function serviceAccountKey(dict: Value): Value | undefined {
  if (dict.kind !== "dict") return undefined;
  const strings = new Map<string, string>();
  for (const entry of dict.entries) {
    const key = entryKey(entry);
    if (key !== undefined && entry.value.kind === "string") strings.set(key, entry.value.value);
  }
  return isGoogleServiceAccount(strings) ? dictGet(dict, "private_key")?.value : undefined;
}

/** The string literals the module-level statements write, keyed by range. */
function walkedLiterals(python: StatementGroup): Map<string, LiteralSite> {
  const sites = new Map<string, LiteralSite>();
  const serviceAccountKeys = new Set<Value>();
  for (const visit of settingValues(python)) {
    const key = serviceAccountKey(visit.value);
    if (key) serviceAccountKeys.add(key);
    if (visit.value.kind !== "string") continue;
    sites.set(rangeKey(visit.value.range), {
      value: visit.value.value,
      range: visit.value.range,
      anchor: visit.anchor,
      visit,
      names: [visit.name, visit.defaultOf?.variable].filter((n): n is string => !!n),
      serviceAccountKey: serviceAccountKeys.has(visit.value),
    });
  }
  return sites;
}

/** The walked site whose range holds `range` (walked sites never overlap): the last one starting at or before it. */
function enclosingSite(sorted: readonly LiteralSite[], range: Range): LiteralSite | undefined {
  const startsAfter = (site: LiteralSite) =>
    site.range.start.line > range.start.line || (site.range.start.line === range.start.line && site.range.start.column > range.start.column);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (startsAfter(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  const candidate = sorted[low - 1];
  return candidate && contains(candidate.range, range) ? candidate : undefined;
}

/** Every string literal of a statement group once: the walked ones (whose range may include parentheses) and all others. */
function literalSites(python: StatementGroup): LiteralSite[] {
  const walked = walkedLiterals(python);
  const sorted = [...walked.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  const others: LiteralSite[] = [];
  for (const literal of python.strings) {
    const site = walked.get(rangeKey(literal.range)) ?? enclosingSite(sorted, literal.range);
    if (site) {
      if (literal.name) site.names.push(literal.name);
      continue;
    }
    const names = [literal.name, literal.defaultOf?.variable].filter((n): n is string => !!n);
    others.push({ value: literal.value, range: literal.range, anchor: literal.range, names, serviceAccountKey: false });
  }
  return [...walked.values(), ...others];
}

// --- findings ---

function firstApplying(site: LiteralSite, role: ModuleKind): { rule: SecretRule; message: string } | undefined {
  const devOrTest = role !== "deployable";
  for (const rule of PRECEDENCE) {
    if (devOrTest && !REPORTED_IN_DEV_OR_TEST.has(rule)) continue;
    const message = JUDGES[rule](site, role);
    if (message) return { rule, message };
  }
  return undefined;
}

/** Extract to env; for an env lookup's default (DJP105, or DJP103/DJP104 there) that means dropping the default. */
function fixesFor(site: LiteralSite, module: SettingsModuleInfo, context: RuleContext) {
  const visit = site.visit;
  if (!visit) return undefined;
  // A django-environ scheme default has no lookup call to drop it from.
  const lookup = visit.defaultOf;
  if (visit.holder === "default" && lookup && !module.python.envLookups.some((l) => sameRange(l.range, lookup.range))) return undefined;
  const fixes = extractToEnvFixes({
    context,
    module,
    literal: { range: site.range, value: site.value },
    setting: visit.setting,
    keys: visit.path.slice(1),
    secret: true,
  });
  return fixes.length > 0 ? fixes : undefined;
}

interface Verdict {
  site: LiteralSite;
  rule: SecretRule;
  message: string;
}

/** Verdicts depend only on a statement group and the dev/test rule: re-judged only for the groups an edit changed. */
const verdictsOfGroup = new WeakMap<StatementGroup, Map<ModuleKind, Verdict[]>>();

function groupVerdicts(group: StatementGroup, role: ModuleKind): Verdict[] {
  let byRole = verdictsOfGroup.get(group);
  if (!byRole) {
    byRole = new Map();
    verdictsOfGroup.set(group, byRole);
  }
  let verdicts = byRole.get(role);
  if (!verdicts) {
    verdicts = literalSites(group).flatMap((site) => {
      const verdict = firstApplying(site, role);
      return verdict ? [{ site, ...verdict }] : [];
    });
    byRole.set(role, verdicts);
  }
  return verdicts;
}

/** A class-based settings class named for development or tests holds throwaway values like a dev/test module. */
function groupKind(group: StatementGroup, module: SettingsModuleInfo, moduleKind: ModuleKind): ModuleKind {
  if (moduleKind !== "deployable") return moduleKind;
  const line = group.statements.find((statement) => statement.guard === "class")?.guardLine;
  const definition = line === undefined ? undefined : module.python.classes.find((c) => c.range.start.line === line);
  return (definition && classRole(module.python, definition.name)) ?? moduleKind;
}

function moduleFindings(module: SettingsModuleInfo, context: RuleContext): RuleFinding[] {
  const role: ModuleKind = module.role === "test" ? "test" : isDevOrTest(module) ? "development" : "deployable";
  return module.python.groups.flatMap((group) =>
    groupVerdicts(group, groupKind(group, module, role)).map(({ site, rule, message }) => {
      const fixes = fixesFor(site, module, context);
      return { rule, file: module.file, range: site.anchor, message, ...(fixes ? { fixes } : {}) };
    }),
  );
}

export const secretRules: RuleModule = {
  ids: PRECEDENCE,
  check: (context) => context.project.settings.flatMap((module) => moduleFindings(module, context)),
};

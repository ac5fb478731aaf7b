// DJP106 (RULES.md 1xx): a value that differs between environments is hard-coded in deployed settings — DATABASES
// HOST, PORT, NAME, USER; CACHES LOCATION; EMAIL_HOST; a non-empty literal ALLOWED_HOSTS list.
import type { Fix, Range } from "../types";
import type { DeployedSettings } from "../project/deployed";
import { dictGet, stringItems, type Value } from "../python/values";
import { extractToEnvFixes } from "../fixes/extract";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { describePath } from "./settingValues";

/** A hard-coded value found in deployed settings. */
interface HardCoded {
  file: string;
  /** Where the finding goes: the dict key, or the literal of a setting. */
  anchor: Range;
  value: Value;
  /** Setting then dict keys. */
  path: string[];
}

const DATABASE_KEYS = ["HOST", "PORT", "NAME", "USER"];

/** The text of a scalar literal worth extracting; undefined for anything else (and for the empty string, Django's default). */
function scalarText(value: Value): string | undefined {
  if (value.kind === "string") return value.value === "" ? undefined : value.value;
  if (value.kind === "number") return String(value.value);
  return undefined;
}

/** Entries `keys` of every alias of a dict-of-dicts setting (`DATABASES`, `CACHES`) that hold a literal. */
function aliasEntries(settings: DeployedSettings, setting: string, keys: readonly string[], isLiteral: (value: Value) => boolean): HardCoded[] {
  const root = settings.get(setting)?.value;
  if (root?.kind !== "dict") return [];
  const out: HardCoded[] = [];
  for (const alias of root.entries) {
    if (alias.key.kind !== "string" || isInProcessCache(alias.value)) continue;
    for (const key of keys) {
      const entry = dictGet(alias.value, key);
      if (entry && isLiteral(entry.value)) out.push({ file: entry.file, anchor: entry.keyRange, value: entry.value, path: [setting, alias.key.value, key] });
    }
  }
  return out;
}

function literalSetting(settings: DeployedSettings, name: string, isLiteral: (value: Value) => boolean): HardCoded[] {
  const setting = settings.get(name);
  if (!setting || !isLiteral(setting.value)) return [];
  return [{ file: setting.value.file, anchor: setting.value.range, value: setting.value, path: [name] }];
}

/** LocMemCache's LOCATION names a cache inside the process (DummyCache has none): nothing that differs between environments. */
function isInProcessCache(alias: Value): boolean {
  const backend = dictGet(alias, "BACKEND")?.value;
  return backend?.kind === "string" && /\.(?:locmem\.LocMemCache|dummy\.DummyCache)$/.test(backend.value);
}

const isScalarLiteral = (value: Value) => scalarText(value) !== undefined;
const isLocation = (value: Value) => isScalarLiteral(value) || (stringItems(value)?.length ?? 0) > 0;
const isHostList = (value: Value) => (stringItems(value)?.length ?? 0) > 0;

function hardCodedValues(settings: DeployedSettings): HardCoded[] {
  return [
    ...aliasEntries(settings, "DATABASES", DATABASE_KEYS, isScalarLiteral),
    ...aliasEntries(settings, "CACHES", ["LOCATION"], isLocation),
    ...literalSetting(settings, "EMAIL_HOST", isScalarLiteral),
    ...literalSetting(settings, "ALLOWED_HOSTS", isHostList),
  ];
}

/** Extract to env keeping the literal as the default; only scalars (a list would come back from env as a string). */
function fixesFor(found: HardCoded, context: RuleContext): Fix[] | undefined {
  const module = context.project.settings.find((m) => m.file === found.file);
  const text = scalarText(found.value);
  if (!module || text === undefined) return undefined;
  const [setting, ...keys] = found.path;
  const fixes = extractToEnvFixes({ context, module, literal: { range: found.value.range, value: text }, setting, keys, secret: false });
  return fixes.length > 0 ? fixes : undefined;
}

function toFinding(found: HardCoded, context: RuleContext): RuleFinding {
  const fixes = fixesFor(found, context);
  return {
    rule: "DJP106",
    file: found.file,
    range: found.anchor,
    message: `${describePath(found.path)} is hard-coded in deployed settings although it differs between environments; read it from the environment, keeping this value as the default.`,
    ...(fixes ? { fixes } : {}),
  };
}

export const environmentValueRules: RuleModule = {
  ids: ["DJP106"],
  check: (context) => context.deployed.flatMap(({ settings }) => hardCodedValues(settings).map((found) => toFinding(found, context))),
};

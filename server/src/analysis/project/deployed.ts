// Deployed settings (RULES.md): a production or single module's own assignments plus, in order, everything it
// star-imports, recursively; a later assignment wins. Subscript assignments and list mutations patch earlier values.
import type { Range } from "../types";
import type { Statement } from "../python/module";
import type { DictEntry, DictValue, Value } from "../python/values";
import { resolveStarImport, type SettingsModuleInfo } from "./model";

export interface DeployedSetting {
  name: string;
  value: Value;
  /** The file whose statement provides the value (last writer). */
  file: string;
  /** Where a finding about the setting's value goes: the assignment target of the providing statement. */
  targetRange: Range;
}

export type DeployedSettings = Map<string, DeployedSetting>;

const isSettingName = (name: string) => /^[A-Z][A-Z0-9_]*$/.test(name);

/** Evaluate `module` the way Django would import it, as far as literals go. */
export function resolveDeployed(module: SettingsModuleInfo, modules: readonly SettingsModuleInfo[], pythonFiles: readonly string[], root: string): DeployedSettings {
  const byFile = new Map(modules.map((m) => [m.file, m]));
  const settings: DeployedSettings = new Map();
  const run = (current: SettingsModuleInfo, stack: Set<string>) => {
    for (const statement of current.python.statements) {
      if (statement.kind === "starImport") {
        const target = resolveStarImport(statement.module, current.file, pythonFiles, root);
        const imported = target ? byFile.get(target) : undefined;
        if (imported && !stack.has(imported.file)) run(imported, new Set([...stack, imported.file]));
      } else applyStatement(settings, statement, current.file);
    }
  };
  run(module, new Set([module.file]));
  return settings;
}

function applyStatement(settings: DeployedSettings, statement: Exclude<Statement, { kind: "starImport" }>, file: string): void {
  if (statement.kind === "call" || !isSettingName(statement.name)) return;
  const previous = settings.get(statement.name);
  switch (statement.kind) {
    case "assign":
      if (statement.keys.length === 0) {
        settings.set(statement.name, { name: statement.name, value: statement.value, file, targetRange: statement.targetRange });
      } else if (previous) {
        const patched = withPath(previous.value, statement.keys, statement.value, statement.targetRange, file);
        if (patched) settings.set(statement.name, { ...previous, value: patched });
      }
      break;
    case "augassign":
      if (previous) settings.set(statement.name, { ...previous, value: extended(previous.value, [statement.value], statement.value) });
      break;
    case "mutate":
      if (previous) settings.set(statement.name, { ...previous, value: mutated(previous.value, statement.method, statement.args, statement.range, file) });
      break;
  }
}

function isSequence(value: Value): value is Extract<Value, { items: Value[] }> {
  return value.kind === "list" || value.kind === "tuple" || value.kind === "set";
}

/** `X += [...]`: sequences concatenate, dicts merge (`|=`); anything else becomes opaque. */
function extended(previous: Value, additions: Value[], at: Value): Value {
  if (isSequence(previous) && additions.every(isSequence)) {
    return { ...previous, items: [...previous.items, ...additions.flatMap((a) => (isSequence(a) ? a.items : []))] };
  }
  if (previous.kind === "dict" && additions.every((a) => a.kind === "dict")) {
    return { ...previous, entries: [...previous.entries, ...additions.flatMap((a) => (a.kind === "dict" ? a.entries : []))] };
  }
  return { kind: "other", node: "augmented", containsEnv: additions.some((a) => a.kind === "env"), file: at.file, range: at.range };
}

function mutated(previous: Value, method: string, args: Value[], range: Range, file: string): Value {
  if (isSequence(previous)) {
    if (method === "append" && args.length === 1) return { ...previous, items: [...previous.items, args[0]] };
    if (method === "extend" && args.length === 1) return extended(previous, args, args[0]);
    if (method === "insert" && args.length === 2 && args[0].kind === "number") {
      const items = [...previous.items];
      items.splice(args[0].value, 0, args[1]);
      return { ...previous, items };
    }
    if (method === "remove" && args.length === 1 && args[0].kind === "string") {
      const target = args[0].value;
      return { ...previous, items: previous.items.filter((item) => !(item.kind === "string" && item.value === target)) };
    }
  }
  if (previous.kind === "dict" && method === "update" && args.length === 1 && args[0].kind === "dict") return extended(previous, args, args[0]);
  if (["sort", "reverse", "copy"].includes(method)) return previous;
  return { kind: "other", node: "mutated", containsEnv: false, file, range };
}

/** A copy of `value` with `keys` set to `replacement` (a subscript assignment); undefined when the path is not literal. */
function withPath(value: Value, keys: string[], replacement: Value, keyRange: Range, file: string): Value | undefined {
  if (value.kind !== "dict") return undefined;
  const [key, ...rest] = keys;
  const index = lastIndexOfKey(value, key);
  if (rest.length === 0) {
    const entry: DictEntry = { key: { kind: "string", value: key, bytes: false, file, range: keyRange }, value: replacement, keyRange, file };
    return replaceEntry(value, index, entry);
  }
  if (index < 0) return undefined;
  const inner = withPath(value.entries[index].value, rest, replacement, keyRange, file);
  return inner ? replaceEntry(value, index, { ...value.entries[index], value: inner }) : undefined;
}

function lastIndexOfKey(dict: DictValue, key: string): number {
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const k = dict.entries[i].key;
    if (k.kind === "string" && k.value === key) return i;
  }
  return -1;
}

function replaceEntry(dict: DictValue, index: number, entry: DictEntry): DictValue {
  const entries = [...dict.entries];
  if (index < 0) entries.push(entry);
  else entries[index] = entry;
  return { ...dict, entries };
}

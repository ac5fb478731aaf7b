// The project's env-lookup idiom (DESIGN.md "nothing lost"): detected from a settings module and the bases it
// star-imports. os.environ.get by default; os.getenv or os.environ[...] when the project already reads that way;
// django-environ's `env` or python-decouple's `config` when the project uses them.
import type { EnvIdiom } from "../python/values";
import type { PythonModule } from "../python/module";
import { starImportChain, type DjangoProject, type SettingsModuleInfo } from "../project/model";

export type IdiomKind = "os.environ.get" | "os.getenv" | "os.environ" | "environ" | "decouple";

export interface Idiom {
  kind: IdiomKind;
  /** What a lookup calls: `env`, `config`, `decouple.config`, or the name `os` is bound to (`os` when unbound). */
  callee: string;
  /** The module does not bind `os` yet: an os lookup needs `import os`. */
  needsOsImport: boolean;
}

/** The Python of the module and, recursively, of every settings module it star-imports. */
export function moduleChain(project: DjangoProject, module: SettingsModuleInfo): PythonModule[] {
  return starImportChain(project, module).map((settings) => settings.python);
}

/** Names bound to `meaning`, preferring one the code chose over the conventional default name. */
function boundName(chain: readonly PythonModule[], meaning: string, conventional: string): string | undefined {
  const names = chain.flatMap((m) => [...m.bindings].filter(([, value]) => value === meaning).map(([name]) => name));
  return names.find((name) => name !== conventional) ?? (names.includes(conventional) ? conventional : undefined);
}

function callsAny(chain: readonly PythonModule[], callees: readonly string[]): boolean {
  return chain.some((m) => callees.some((callee) => m.calledNames.has(callee)));
}

/** The name to call django-environ through: an `Env()` instance some module of the chain creates. */
function environCallee(chain: readonly PythonModule[]): string | undefined {
  if (!callsAny(chain, ["environ.Env", "environ.FileAwareEnv"])) return undefined;
  return boundName(chain, "environ.env", "env");
}

/** `config` imported from decouple (or an AutoConfig/Config instance), else `decouple.config` after `import decouple`. */
function decoupleCallee(chain: readonly PythonModule[]): string | undefined {
  const imported = chain.some((m) => m.imports.some((i) => i.module === "decouple" && i.names.includes("config")));
  const constructed = callsAny(chain, ["decouple.AutoConfig", "decouple.Config"]);
  if (imported || constructed) return boundName(chain, "decouple.config", "config");
  const moduleName = [...chain.flatMap((m) => [...m.bindings])].find(([, value]) => value === "decouple")?.[0];
  return moduleName ? `${moduleName}.config` : undefined;
}

function lookupCounts(chain: readonly PythonModule[]): Map<EnvIdiom, number> {
  const counts = new Map<EnvIdiom, number>();
  for (const m of chain) for (const lookup of m.envLookups) counts.set(lookup.idiom, (counts.get(lookup.idiom) ?? 0) + 1);
  return counts;
}

/** The os idiom the project uses most; os.environ.get wins ties (the guide's own form). */
function osKind(counts: Map<EnvIdiom, number>): IdiomKind {
  const ranked: IdiomKind[] = ["os.environ.get", "os.getenv", "os.environ"];
  return ranked.reduce((best, kind) => ((counts.get(kind) ?? 0) > (counts.get(best) ?? 0) ? kind : best), ranked[0]);
}

/** How `module` itself refers to the `os` module. */
export function osName(module: PythonModule): string | undefined {
  return [...module.bindings].find(([, value]) => value === "os")?.[0];
}

export function osIdiom(module: PythonModule, kind: IdiomKind = "os.environ.get"): Idiom {
  const bound = osName(module);
  return { kind, callee: bound ?? "os", needsOsImport: bound === undefined };
}

export function detectIdiom(project: DjangoProject, module: SettingsModuleInfo): Idiom {
  const chain = moduleChain(project, module);
  const counts = lookupCounts(chain);
  const environ = environCallee(chain);
  const decouple = decoupleCallee(chain);
  if (environ && (!decouple || (counts.get("environ") ?? 0) >= (counts.get("decouple") ?? 0))) {
    return { kind: "environ", callee: environ, needsOsImport: false };
  }
  if (decouple) return { kind: "decouple", callee: decouple, needsOsImport: false };
  return osIdiom(module.python, osKind(counts));
}

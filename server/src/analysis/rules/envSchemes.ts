// django-environ schemes of every settings module: `environ.Env(DEBUG=(bool, False))` in base.py serves
// production.py too (DJP107's parse, and the defaults of DJP304/DJP305/DJP330).
import type { Value } from "../python/values";
import type { RuleContext } from "./rule";

export function projectSchemes(context: RuleContext): Map<string, Value> {
  const schemes = new Map<string, Value>();
  for (const module of context.project.settings) for (const [name, value] of module.python.environSchemes) schemes.set(name, value);
  return schemes;
}

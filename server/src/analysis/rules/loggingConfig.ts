// The LOGGING dict as logging.config.dictConfig reads it: its sections, the loggers (root included), and every
// name a logger or handler refers to. Shared by the DJP40x rules.
import type { DictEntry, DictValue, Value } from "../python/values";
import { dictGet, entryKey, literalTruthiness } from "../python/values";
import { isClosedDict } from "./literalDict";

export type SectionName = "handlers" | "formatters" | "filters" | "loggers";

export interface Definition {
  name: string;
  /** The entry in its section (where findings about it go). */
  entry: DictEntry;
  /** Its configuration, when it is a dict literal. */
  config?: DictValue;
}

export interface Section {
  definitions: Definition[];
  /** Whether the definitions are all there is (an absent section is complete and empty, as dictConfig sees it). */
  complete: boolean;
}

export interface LoggingConfig {
  dict: DictValue;
  /** Whether the top-level dict holds every key there is (no `**` unpacking). */
  complete: boolean;
  sections: Record<SectionName, Section>;
  /** The top-level `root` entry. */
  root?: DictEntry;
  /** `incremental` is not literally false: handlers must already exist, formatters and filters are ignored. */
  incremental: boolean;
}

export interface Reference {
  kind: "handler" | "formatter" | "filter";
  /** The `handlers`/`formatter`/`filters`/`target` entry that names them (where a finding goes). */
  entry: DictEntry;
  names: string[];
}

type Reader = (path: string) => string | undefined;

/** The LOGGING value as dictConfig input; undefined when it is not a non-empty dict literal (Django skips `{}`). */
export function readLoggingConfig(value: Value, read: Reader): LoggingConfig | undefined {
  if (value.kind !== "dict" || value.entries.length === 0) return undefined;
  const incremental = dictGet(value, "incremental");
  return {
    dict: value,
    complete: isClosedDict(value, read),
    sections: {
      handlers: section(value, "handlers", read),
      formatters: section(value, "formatters", read),
      filters: section(value, "filters", read),
      loggers: section(value, "loggers", read),
    },
    root: dictGet(value, "root"),
    incremental: !!incremental && literalTruthiness(incremental.value) !== false,
  };
}

function section(dict: DictValue, key: SectionName, read: Reader): Section {
  const entry = dictGet(dict, key);
  if (!entry) return { definitions: [], complete: isClosedDict(dict, read) };
  if (entry.value.kind !== "dict") return { definitions: [], complete: false };
  const definitions: Definition[] = [];
  let complete = isClosedDict(entry.value, read);
  for (const item of entry.value.entries) {
    const name = entryKey(item);
    if (name === undefined) complete = false;
    else definitions.push({ name, entry: item, config: item.value.kind === "dict" ? item.value : undefined });
  }
  return { definitions, complete };
}

/** Every logger configuration dictConfig applies: `root` and each of `loggers` (`loggers[""]` is root too). */
export function loggerConfigs(config: LoggingConfig): DictValue[] {
  const loggers = config.sections.loggers.definitions.flatMap((d) => (d.config ? [d.config] : []));
  return config.root?.value.kind === "dict" ? [config.root.value, ...loggers] : loggers;
}

export function definedNames(config: LoggingConfig, section: SectionName): Set<string> {
  return new Set(config.sections[section].definitions.map((d) => d.name));
}

/** The handler definitions whose class (or `()` factory) is `className`. */
export function handlersOfClass(config: LoggingConfig, className: string): Definition[] {
  return config.sections.handlers.definitions.filter((d) => {
    const factory = dictGet(d.config, "class") ?? dictGet(d.config, "()");
    return factory?.value.kind === "string" && factory.value.value === className;
  });
}

/** Literal string names of a list/tuple entry, ignoring anything else (dictConfig also takes filter objects). */
function namesIn(value: Value): string[] {
  if (value.kind === "string") return [value.value];
  if (value.kind !== "list" && value.kind !== "tuple") return [];
  return value.items.flatMap((item) => (item.kind === "string" ? [item.value] : []));
}

function reference(config: DictValue | undefined, key: string, kind: Reference["kind"], single = false): Reference[] {
  const entry = dictGet(config, key);
  if (!entry || (single && entry.value.kind !== "string")) return [];
  const names = namesIn(entry.value).filter((name) => name !== "");
  return names.length > 0 ? [{ kind, entry, names }] : [];
}

/** Every name that loggers and handlers refer to, as dictConfig resolves them. */
export function references(config: LoggingConfig): Reference[] {
  const fromLoggers = loggerConfigs(config).flatMap((logger) => [...reference(logger, "handlers", "handler"), ...reference(logger, "filters", "filter")]);
  const fromHandlers = config.sections.handlers.definitions.flatMap(({ config: handler }) => [
    ...reference(handler, "formatter", "formatter", true),
    ...reference(handler, "filters", "filter"),
    ...(isMemoryHandler(handler) ? reference(handler, "target", "handler", true) : []),
  ]);
  return [...fromLoggers, ...fromHandlers];
}

/** dictConfig resolves `target` to a handler only for logging.handlers.MemoryHandler (subclasses are not known statically). */
function isMemoryHandler(handler: DictValue | undefined): boolean {
  const cls = dictGet(handler, "class");
  return cls?.value.kind === "string" && cls.value.value === "logging.handlers.MemoryHandler";
}

export const SECTION_OF: Record<Reference["kind"], SectionName> = { handler: "handlers", formatter: "formatters", filter: "filters" };

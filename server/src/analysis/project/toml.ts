// TOML for the core: smol-toml behind one function, so no other module deals with its packaging.
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };

// smol-toml ships CommonJS for require() but types only for its ES module, which a CommonJS file cannot import.
const { parse }: typeof SmolToml = require("smol-toml");

export type TomlTable = Record<string, unknown>;

/** The document's top-level table; throws the parser's error (its first line names the place) when invalid. */
export function parseTomlStrict(text: string): TomlTable {
  return parse(text) as TomlTable;
}

/** The document's top-level table; undefined when the text is not valid TOML. */
export function parseToml(text: string): TomlTable | undefined {
  try {
    return parseTomlStrict(text);
  } catch {
    return undefined;
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `table.a.b.c`, when every step is a table. */
export function tableAt(root: TomlTable | undefined, ...path: string[]): TomlTable | undefined {
  let current: unknown = root;
  for (const key of path) current = isTable(current) ? current[key] : undefined;
  return isTable(current) ? current : undefined;
}

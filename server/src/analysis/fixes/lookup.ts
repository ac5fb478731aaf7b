// The text of an env lookup in the project's idiom (DESIGN.md "nothing lost"): secrets get no default,
// other values keep the literal's own source text as the default.
import type { Idiom } from "./idiom";

/** A Python string literal for an env variable name (names are [A-Z0-9_], so no escaping is needed). */
export function quoteName(name: string, quote: "'" | '"' = '"'): string {
  return `${quote}${name}${quote}`;
}

export interface LookupOptions {
  /** Source text of the default expression; absent for a secret. */
  defaultSource?: string;
  quote?: "'" | '"';
}

export function renderLookup(idiom: Idiom, name: string, options: LookupOptions = {}): string {
  const key = quoteName(name, options.quote);
  const fallback = options.defaultSource;
  switch (idiom.kind) {
    case "environ":
    case "decouple":
      return fallback === undefined ? `${idiom.callee}(${key})` : `${idiom.callee}(${key}, default=${fallback})`;
    case "os.getenv":
      return fallback === undefined ? `${idiom.callee}.getenv(${key})` : `${idiom.callee}.getenv(${key}, ${fallback})`;
    case "os.environ":
      // A subscript has no default: a value with a default reads with .get.
      return fallback === undefined ? renderStrictLookup(idiom.callee, name, options.quote) : `${idiom.callee}.environ.get(${key}, ${fallback})`;
    case "os.environ.get":
      return fallback === undefined ? `${idiom.callee}.environ.get(${key})` : `${idiom.callee}.environ.get(${key}, ${fallback})`;
  }
}

/** `os.environ["X"]`: fails at start-up when the variable is unset. */
export function renderStrictLookup(osCallee: string, name: string, quote?: "'" | '"'): string {
  return `${osCallee}.environ[${quoteName(name, quote)}]`;
}

/** Whether a lookup in this idiom without a default already fails when the variable is unset. */
export function isStrictWithoutDefault(idiom: Idiom): boolean {
  return idiom.kind === "os.environ" || idiom.kind === "environ" || idiom.kind === "decouple";
}

// What the names of a settings module stand for, as far as env lookups care: os, os.environ, django-environ, decouple.
import type { Node } from "web-tree-sitter";

/** Canonical meanings: `os`, `os.environ`, `os.getenv`, `environ` (the django-environ module), `environ.Env`,
 *  `environ.env` (an Env instance), `decouple.config` (a decouple config callable), `decouple.*`, `dotenv.*`. */
export type Bindings = Map<string, string>;

/** Names every module is assumed to mean, unless it binds them otherwise: the idioms' conventional names
 *  (split settings read `env`/`config` created in a star-imported base module). */
const CONVENTIONAL: ReadonlyArray<[string, string]> = [
  ["env", "environ.env"],
  ["config", "decouple.config"],
];

export function conventionalBindings(): Bindings {
  return new Map(CONVENTIONAL);
}

/** Record what an import statement binds. */
export function bindImport(node: Node, bindings: Bindings): void {
  if (node.type === "import_statement") {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "dotted_name") {
        const top = child.text.split(".")[0];
        bindings.set(top, top);
      } else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text;
        const alias = child.childForFieldName("alias")?.text;
        if (name && alias) bindings.set(alias, name);
      }
    }
    return;
  }
  if (node.type !== "import_from_statement") return;
  const moduleName = node.childForFieldName("module_name")?.text;
  if (!moduleName) return;
  for (const child of node.childrenForFieldName("name")) {
    if (!child) continue;
    const name = child.type === "aliased_import" ? child.childForFieldName("name")?.text : child.text;
    const alias = child.type === "aliased_import" ? child.childForFieldName("alias")?.text : child.text;
    if (name && alias) bindings.set(alias, importedMeaning(moduleName, name));
  }
}

const LIBRARIES = new Set(["os", "environ", "environs", "decouple", "dotenv"]);

/** `from .base import env` re-imports a settings module's env object: it keeps the conventional meaning. */
function importedMeaning(moduleName: string, name: string): string {
  const conventional = CONVENTIONAL.find(([conventionalName]) => conventionalName === name)?.[1];
  const fromLibrary = LIBRARIES.has(moduleName.split(".")[0]);
  return conventional && !fromLibrary ? conventional : `${moduleName}.${name}`;
}

const ENV_CONSTRUCTORS = new Set(["environ.Env", "environ.FileAwareEnv"]);
const ENVIRONS_CONSTRUCTORS = new Set(["environs.Env", "environs.FileAwareEnv"]);
const DECOUPLE_CONSTRUCTORS = new Set(["decouple.AutoConfig", "decouple.Config"]);

/** The callee of `name = callee(...)` as written (`environ.Env`), for bindAssignment. */
export function writtenCallee(right: Node | null): string | undefined {
  const fn = right?.type === "call" ? right.childForFieldName("function") : null;
  return fn && (fn.type === "identifier" || fn.type === "attribute") ? fn.text.replace(/\s+/g, "") : undefined;
}

/** `a.b.c` as written, with its first name replaced by what it is bound to. */
export function resolveWritten(dotted: string, bindings: Bindings): string {
  const [first, ...rest] = dotted.split(".");
  return [bindings.get(first) ?? first, ...rest].join(".");
}

/**
 * Record `env = environ.Env(...)` / `env = environs.Env()` / `config = AutoConfig(...)`; any other assignment unbinds the name, so it
 * means itself again. Settings are not recorded: the bindings stay small, and they key the statement cache.
 */
export function bindAssignment(name: string, writtenCalleeName: string | undefined, bindings: Bindings): void {
  const callee = writtenCalleeName ? resolveWritten(writtenCalleeName, bindings) : undefined;
  if (callee && ENV_CONSTRUCTORS.has(callee)) bindings.set(name, "environ.env");
  else if (callee && ENVIRONS_CONSTRUCTORS.has(callee)) bindings.set(name, "environs.env");
  else if (callee && DECOUPLE_CONSTRUCTORS.has(callee)) bindings.set(name, "decouple.config");
  else bindings.delete(name);
}

/** `a.b.c` with the first name replaced by what it is bound to; undefined for anything but names and attributes. */
export function resolveDotted(node: Node | null, bindings: Bindings): string | undefined {
  // A loop, not recursion: `x.a.a.a…` with thousands of attributes must not exhaust the stack.
  const attributes: string[] = [];
  let current = node;
  while (current?.type === "attribute") {
    const attribute = current.childForFieldName("attribute")?.text;
    if (!attribute) return undefined;
    attributes.push(attribute);
    current = current.childForFieldName("object");
  }
  if (current?.type !== "identifier") return undefined;
  return [bindings.get(current.text) ?? current.text, ...attributes.reverse()].join(".");
}

// Step 3 of the project model (RULES.md "Role"): the role of each settings module, first match wins, with the
// reason the report shows.
import type { Config } from "../types";
import type { PythonModule } from "../python/module";
import { splitNameWords } from "../secrets/credentialName";
import { basename, dirname, relativeTo, stemWords } from "./paths";
import { pullsOf, type Pull } from "./settingsImports";
import { describeReference, isCiConfig, type SettingsReference } from "./settingsReferences";
import type { LoadedModule } from "./settingsModules";

export type Role = "production" | "development" | "test" | "base" | "single" | "unknown";

export interface SettingsModuleInfo {
  file: string;
  /** Dotted name relative to the project root (`mysite.settings.production`). */
  module: string;
  role: Role;
  /** Why it has its role, for the report ("its name says production (prod)"). */
  roleReason: string;
  python: PythonModule;
}

/** A reference with the project file it names. */
export interface ResolvedReference {
  reference: SettingsReference;
  file: string;
}

// Beyond RULES.md's words (read on real projects): `kubernetes` as `k8s` is; `devstack`, Open edX's development
// environment, whose settings modules (`settings/devstack.py`) every Open edX service has.
const PRODUCTION_WORDS = new Set(["prod", "production", "live", "deploy", "staging", "heroku", "aws", "gcp", "azure", "fly", "render", "k8s", "kubernetes"]);
const DEVELOPMENT_WORDS = new Set(["dev", "develop", "development", "devel", "local", "debug", "devstack"]);
const TEST_WORDS = new Set(["test", "tests", "testing", "ci"]);
/** Beyond RULES.md's words (read on real projects): the settings a build step runs with, never deployed. */
const BUILD_WORDS = new Set(["build", "collectstatic"]);
const TEST_FOLDERS = new Set(["tests", "test", "testing"]);
const NOT_DEPLOYED_FOLDERS = new Set(["docs", "doc", "example", "examples", "sandbox", "demo", "devproject"]);

/** Dotted module name of a file relative to a folder. */
export function dottedName(file: string, root: string): string {
  const parts = relativeTo(file, root).replace(/\.py$/, "").split("/");
  if (parts.at(-1) === "__init__") parts.pop();
  return parts.join(".");
}

/** Whether a `--production` / `productionSettings` entry names this module (a dotted name or a path). */
export function matchesConfigured(file: string, module: string, configured: readonly string[]): boolean {
  return configured.some((entry) => {
    const clean = entry.replace(/\\/g, "/").replace(/^\.\//, "");
    return clean === file || file.endsWith(`/${clean}`) || clean === module || module.endsWith(`.${clean}`) || clean.endsWith(`.${module}`);
  });
}

/** The stem's words; for a package's `__init__.py`, the package's name. */
function moduleWords(file: string): string[] {
  const name = file.endsWith("/__init__.py") ? file.slice(0, -"/__init__.py".length) + ".py" : file;
  return stemWords(name);
}

export function wordRole(words: readonly string[]): [Role, string] | undefined {
  const production = words.find((w) => PRODUCTION_WORDS.has(w));
  if (production) return ["production", `its name says production (${production})`];
  const build = words.find((w) => BUILD_WORDS.has(w));
  if (build) return ["development", `its name says build (${build}): the settings a build step runs with (collectstatic, compilemessages), not deployed`];
  const development = words.find((w) => DEVELOPMENT_WORDS.has(w));
  if (development) return ["development", `its name says development (${development})`];
  const test = words.find((w) => TEST_WORDS.has(w));
  if (test) return ["test", `its name says test (${test})`];
  // Reading of RULES.md step 5 for names: `docs_settings.py` (a Sphinx build's settings) is what a docs/ folder is.
  const notDeployed = words.find((w) => NOT_DEPLOYED_FOLDERS.has(w));
  if (notDeployed) return ["development", `its name says ${notDeployed} (documentation, demo or sandbox: not deployed)`];
  return undefined;
}

/**
 * The folders between the project root and the module, and the root's own folder: a Django project living in
 * `sandbox/` or `docs/` is a demo or a documentation build (reading of RULES.md step 5; folders above stay unread).
 */
function folderRole(file: string, root: string): [Role, string] | undefined {
  const folders = [...(root ? [basename(root)] : []), ...relativeTo(file, root).split("/").slice(0, -1)];
  // A folder's words count as its name does (`test_project/`, `docs-site/`), as a file stem's do.
  const saysOneOf = (folder: string, names: ReadonlySet<string>) => names.has(folder) || folder.toLowerCase().split(/[_\-.]+/).some((word) => names.has(word));
  const testFolder = folders.find((folder) => saysOneOf(folder, TEST_FOLDERS));
  if (testFolder) return ["test", `it lies in a ${testFolder}/ folder`];
  const other = folders.find((folder) => saysOneOf(folder, NOT_DEPLOYED_FOLDERS));
  if (other) return ["development", `it lies in a ${other}/ folder (documentation, demo or sandbox: not deployed)`];
  return undefined;
}

const NEGATION = /\bnot\b|!=/;

/** The words of a branch test (`os.environ.get("GITHUB_CI")` → os, environ, get, github, ci). */
function conditionWords(condition: string): string[] {
  return splitNameWords(condition).map((word) => word.toLowerCase());
}

/** The role the tests of an `if` chain give what sits under it (`if TESTING:` → test); none for a negated test or an else. */
export function conditionRole(tests: readonly string[]): Role | undefined {
  if (tests.length === 0 || tests.some((test) => test === "else" || NEGATION.test(test))) return undefined;
  return wordRole(tests.flatMap(conditionWords))?.[0];
}

/**
 * The role the tests of the branches a module is pulled in under give it (reading of RULES.md step 7): a file
 * include()d or star-imported only under `if os.environ.get("GITHUB_CI")` or `if "test" in sys.argv` is a test
 * module, only under `if DEBUG` or `if os.environ.get("LOCAL_DEVELOPMENT")` a development one. An `else` branch or
 * a negated test (`not`, `!=`) says nothing; every conditional pull of the file must agree.
 */
function branchRole(pulls: readonly Pull[] | undefined): [Role, string] | undefined {
  if (!pulls || pulls.length === 0) return undefined;
  const roles = pulls.map((pull) => {
    const tests = pull.branch ?? [];
    const role = conditionRole(tests);
    return role && role !== "production" ? ([role, `it is pulled in only under \`if ${tests.join(" and ")}\`, a ${role} condition`] as [Role, string]) : undefined;
  });
  const first = roles[0];
  return first && roles.every((role) => role?.[0] === first[0]) ? first : undefined;
}

/**
 * The role a settings class's name gives its attributes (class-based settings: `class Test(Base)`,
 * `class Development(Base)`, and a class deriving from one of them, `class ContinuousIntegration(Test)`);
 * undefined for other classes. Reading of RULES.md "Dev/test modules" for classes in one module.
 */
export function classRole(module: PythonModule, name: string, seen = new Set<string>()): "development" | "test" | undefined {
  if (seen.has(name)) return undefined;
  seen.add(name);
  const role = wordRole(conditionWords(name))?.[0];
  if (role === "development" || role === "test") return role;
  if (role === "production") return undefined;
  const definition = module.classes.find((c) => c.name === name);
  for (const base of definition?.bases ?? []) {
    const inherited = classRole(module, base.split(".").pop() ?? base, seen);
    if (inherited) return inherited;
  }
  return undefined;
}

/** What each settings module pulls in, by its file: walked once for every use below. */
type PullsByModule = ReadonlyMap<string, readonly Pull[]>;

/** Per file pulled in under a condition by another settings module: those pulls. */
function conditionalPulls(pullsByModule: PullsByModule): Map<string, Pull[]> {
  const out = new Map<string, Pull[]>();
  for (const [file, pulls] of pullsByModule) {
    for (const pull of pulls) {
      if (!pull.target || pull.target === file || pull.guard !== "condition") continue;
      out.set(pull.target, [...(out.get(pull.target) ?? []), pull]);
    }
  }
  return out;
}

/** Per file pulled in unconditionally by another settings module: the modules that pull it. */
function importers(pullsByModule: PullsByModule): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, pulls] of pullsByModule) {
    for (const pull of pulls) {
      if (!pull.target || pull.target === file || pull.guard) continue;
      const list = out.get(pull.target) ?? [];
      if (!list.includes(file)) list.push(file);
      out.set(pull.target, list);
    }
  }
  return out;
}

/**
 * A module that only star-imports, the first import it tries being a module whose name says development
 * (`from .dev import *`; a try/except dispatcher is judged through its branches): the package default
 * a checkout runs with, while the deployment names the production module. Returns the development module's file.
 */
function developmentSwitchTarget(python: PythonModule, pulls: readonly Pull[]): string | undefined {
  if (python.statements.length === 0 || python.statements.some((statement) => statement.kind !== "starImport")) return undefined;
  const first = pulls.find((pull) => pull.kind === "star" && pull.target && !pull.guard);
  return first?.target && wordRole(moduleWords(first.target))?.[0] === "development" ? first.target : undefined;
}

export function assignRoles(root: string, modules: readonly LoadedModule[], references: readonly ResolvedReference[], pythonFiles: readonly string[], config: Config): SettingsModuleInfo[] {
  const pullsByModule: PullsByModule = new Map(modules.map(({ file, python }) => [file, pullsOf(python, pythonFiles, root)]));
  const importedBy = importers(pullsByModule);
  const pulledUnder = conditionalPulls(pullsByModule);
  const productionByName = modules.some(({ file }) => wordRole(moduleWords(file))?.[0] === "production");
  const settingsReferences = references.filter((r) => r.reference.variable === "DJANGO_SETTINGS_MODULE");
  const namedBy = (file: string, kind: SettingsReference["kind"]) => settingsReferences.find((r) => r.file === file && r.reference.kind === kind)?.reference;
  const roleOf = (file: string, module: string, python: PythonModule): [Role, string] | undefined => {
    if (matchesConfigured(file, module, config.productionSettings)) return ["production", "configured as production settings"];
    const byName = wordRole(moduleWords(file)) ?? folderRole(file, root);
    // A deployment file naming a module whose own name or folder says development or test is a development
    // setup (a docker-compose.yml running settings.local): the name wins.
    const deployment = namedBy(file, "deployment");
    if (deployment && (!byName || byName[0] === "production")) return ["production", `named as DJANGO_SETTINGS_MODULE by the deployment file ${describeReference(deployment)}`];
    // The module manage.py or wsgi.py names is the project's own settings, also when the tests run with it.
    // A CI job may also run the production settings (a check --deploy step): their name still says production.
    const test = namedBy(file, "test");
    if (test && !namedBy(file, "manage") && !namedBy(file, "wsgi") && !(isCiConfig(test.file) && byName?.[0] === "production")) return ["test", `named as DJANGO_SETTINGS_MODULE by the test configuration ${describeReference(test)}`];
    if (byName) return byName;
    const byBranch = importedBy.has(file) ? undefined : branchRole(pulledUnder.get(file));
    if (byBranch) return byBranch;
    const wsgi = namedBy(file, "wsgi");
    // Reading of rules 6–7 on real projects: when the project has a production module of its own, a default that
    // only switches to the development settings is the checkout's convenience, not what gets deployed.
    const switchedTo = productionByName ? developmentSwitchTarget(python, pullsByModule.get(file) ?? []) : undefined;
    if (switchedTo) return ["development", `it only star-imports the development settings ${relativeTo(switchedTo, root)} (the project has production settings of its own)`];
    if (wsgi) return ["production", `named as DJANGO_SETTINGS_MODULE by ${describeReference(wsgi)}, the module the application server loads`];
    const pullers = importedBy.get(file);
    if (pullers) return ["base", `imported by ${pullers.join(", ")}`];
    return undefined;
  };
  const ruled = modules.map(({ file, python }) => {
    const module = dottedName(file, root);
    return { file, module, python, given: roleOf(file, module, python) };
  });
  // Rule 8, read as "the only module that may be deployed": test and development modules beside it (a
  // tests/settings.py, a test_settings.py that star-imports the settings.py manage.py names) do not make it
  // unknown or base. A base.py imported only by dev/test modules stays base: the deployed one is not in the tree.
  const roleByFile = new Map(ruled.map((m) => [m.file, m.given?.[0]]));
  const importedOnlyByDevOrTest = (file: string) => (importedBy.get(file) ?? []).every((importer) => ["development", "test"].includes(roleByFile.get(importer) ?? ""));
  const namedOrPlain = (file: string) => basename(file) === "settings.py" || settingsReferences.some((r) => r.file === file);
  // A library's default settings (`misago/settings.py`) that the development project manage.py names
  // (`devproject/settings.py`, another folder) builds on are that project's base, not something deployed.
  const declaredImporterElsewhere = (file: string) =>
    (importedBy.get(file) ?? []).some((importer) => dirname(importer) !== dirname(file) && (namedBy(importer, "manage") || namedBy(importer, "wsgi")));
  const open = ruled.filter((m) => !m.given || (m.given[0] === "base" && importedOnlyByDevOrTest(m.file) && namedOrPlain(m.file) && !declaredImporterElsewhere(m.file)));
  const single = open.length === 1 && !ruled.some((m) => m.given?.[0] === "production") ? open[0] : undefined;
  return ruled.map(({ file, module, python, given }) => {
    const [role, roleReason]: [Role, string] =
      single?.file === file
        ? ["single", modules.length === 1 ? "the project's only settings module" : "the project's only settings module that is not for development or tests"]
        : given ?? ["unknown", "no rule gives it a role"];
    return { file, module, role, roleReason, python };
  });
}

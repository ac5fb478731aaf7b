// The Django project's declared Python dependencies (RULES.md DJP502, and the Django version DJP201/DJP202 use):
// requirements*.txt and requirements/*.txt (following -r includes), pyproject.toml (PEP 621, PEP 735 groups,
// Poetry), Pipfile and setup.cfg's install_requires: the project root's; when it has none, those of the nearest folder
// above it that has some (a `src/` or `backend/` project whose requirements lie at the repository's root). Above the
// root only the files lying directly in that folder or in its `requirements/` folder count: what the editor's
// analysis of one project lists too.
import type { DjangoProject } from "./model";
import { dirname, isUnder, joinPath, relativeTo } from "./paths";
import { parseRequirement, parseRequirementsFile } from "./requirementsFile";
import { isTable, parseToml, tableAt, type TomlTable } from "./toml";

export interface DeclaredPackage {
  /** Version specifier as written (`>=4.2,<5.0`, `^4.2`, `*`); empty when none. */
  specifier: string;
  /** Root-relative POSIX path of the declaring file. */
  file: string;
  /** 0-based line of the declaration (best effort for TOML files). */
  line: number;
}

export interface Dependencies {
  /** The folder they were read from: the project root, or the nearest folder above it holding dependency files. */
  root: string;
  /** Dependency files that exist and declare dependencies, in discovery order. */
  files: string[];
  /** Normalised name (PEP 503) → every declaration of it. */
  packages: Map<string, DeclaredPackage[]>;
}

type Reader = (path: string) => string | undefined;
type ProjectFiles = Pick<DjangoProject, "root" | "files">;

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

const MAIN_DEPENDENCY_FILES = ["requirements.txt", "requirements/production.txt", "requirements/base.txt", "pyproject.toml", "Pipfile"];

/** The dependency file a new requirement goes into (and where DJP502 is reported), among those that exist. */
export function mainDependencyFile(dependencies: Dependencies): string | undefined {
  const { root, files } = dependencies;
  return MAIN_DEPENDENCY_FILES.map((name) => joinPath(root, name)).find((file) => files.includes(file)) ?? files[0];
}

export function declaresAny(dependencies: Dependencies, names: readonly string[]): boolean {
  return names.some((name) => dependencies.packages.has(normalizePackageName(name)));
}

/** `workspaceFiles`: every file of the workspace, for the folders above the project root. */
export function readDependencies(project: ProjectFiles, read: Reader, workspaceFiles: readonly string[] = project.files): Dependencies {
  const own = readDependenciesIn(project, read);
  if (own.files.length > 0 || project.root === "") return own;
  for (let folder = dirname(project.root); ; folder = dirname(folder)) {
    const above = readDependenciesIn({ root: folder, files: workspaceFiles.filter((file) => isDependencyFileAt(file, folder)) }, read);
    if (above.files.length > 0) return above;
    if (folder === "") return own;
  }
}

/** The folder of requirements files beside a project's (or a folder above it's) own: what the editor's scope lists too. */
export const REQUIREMENTS_FOLDER = "requirements";

/** A file lying directly in `folder` or in its `requirements/` folder. */
function isDependencyFileAt(file: string, folder: string): boolean {
  const parent = dirname(file);
  return parent === folder || (parent === joinPath(folder, REQUIREMENTS_FOLDER) && isUnder(file, folder));
}

function readDependenciesIn(project: ProjectFiles, read: Reader): Dependencies {
  const result: Dependencies = { root: project.root, files: [], packages: new Map() };
  const add = (name: string, declaration: DeclaredPackage) => {
    const key = normalizePackageName(name);
    result.packages.set(key, [...(result.packages.get(key) ?? []), declaration]);
  };
  const noteFile = (file: string) => {
    if (!result.files.includes(file)) result.files.push(file);
  };
  readRequirementFiles(project, read, add, noteFile);
  for (const [name, reader] of TABLE_FILES) {
    const file = joinPath(project.root, name);
    const text = project.files.includes(file) ? read(file) : undefined;
    if (text !== undefined && reader(text, file, add)) noteFile(file);
  }
  return result;
}

type Add = (name: string, declaration: DeclaredPackage) => void;

function isRequirementsFileName(relative: string): boolean {
  return /^requirements[^/]*\.txt$/.test(relative) || /^requirements\/[^/]+\.txt$/.test(relative);
}

/** Root requirements files first in a stable order, then what their `-r` includes reach. */
function readRequirementFiles(project: ProjectFiles, read: Reader, add: Add, noteFile: (file: string) => void): void {
  const existing = new Set(project.files);
  const queue = project.files.filter((file) => isUnder(file, project.root) && isRequirementsFileName(relativeTo(file, project.root))).sort();
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file);
    if (text === undefined) continue;
    noteFile(file);
    const parsed = parseRequirementsFile(text);
    for (const requirement of parsed.requirements) add(requirement.name, { specifier: requirement.specifier, file, line: requirement.line });
    for (const include of parsed.includes) {
      const target = resolveInclude(dirname(file), include);
      if (target && isUnder(target, project.root) && existing.has(target)) queue.push(target);
    }
  }
}

/** A `-r` path relative to the including file's folder, normalised; undefined when it leaves the workspace. */
function resolveInclude(dir: string, written: string): string | undefined {
  const parts = dir ? dir.split("/") : [];
  for (const segment of written.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join("/");
}

/** Each reader returns whether the file declares dependencies at all. */
const TABLE_FILES: ReadonlyArray<[string, (text: string, file: string, add: Add) => boolean]> = [
  ["pyproject.toml", readPyproject],
  ["Pipfile", readPipfile],
  ["setup.cfg", readSetupCfg],
];

function readPyproject(text: string, file: string, add: Add): boolean {
  const toml = parseToml(text);
  if (!toml) return false;
  const pep508 = [
    ...stringList(tableAt(toml, "project")?.dependencies),
    ...Object.values(tableAt(toml, "project", "optional-dependencies") ?? {}).flatMap(stringList),
    ...Object.values(tableAt(toml, "dependency-groups") ?? {}).flatMap(stringList),
  ];
  for (const entry of pep508) {
    const requirement = parseRequirement(entry);
    if (requirement) add(requirement.name, { specifier: requirement.specifier, file, line: lineOf(text, requirement.name) });
  }
  const poetry = tableAt(toml, "tool", "poetry");
  const poetryTables = [
    tableAt(poetry, "dependencies"),
    tableAt(poetry, "dev-dependencies"),
    ...Object.values(tableAt(poetry, "group") ?? {}).map((group) => tableAt(isTable(group) ? group : undefined, "dependencies")),
  ].filter((table): table is TomlTable => !!table);
  for (const table of poetryTables) addTomlTable(table, text, file, add, ["python"]);
  return pep508.length > 0 || poetryTables.length > 0 || !!tableAt(toml, "project");
}

function readPipfile(text: string, file: string, add: Add): boolean {
  const toml = parseToml(text);
  if (!toml) return false;
  for (const section of ["packages", "dev-packages"]) {
    const table = tableAt(toml, section);
    if (table) addTomlTable(table, text, file, add, []);
  }
  return true;
}

/** Poetry and Pipfile tables: `name = "spec"` or `name = { version = "spec", extras = [...] }`. */
function addTomlTable(table: TomlTable, text: string, file: string, add: Add, skip: string[]): void {
  for (const [name, value] of Object.entries(table)) {
    if (skip.includes(name.toLowerCase())) continue;
    const specifier = typeof value === "string" ? value : isTable(value) && typeof value.version === "string" ? value.version : "";
    add(name, { specifier: specifier.replace(/\s+/g, ""), file, line: lineOf(text, name) });
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The first line that names the package (as a key or at the start of a quoted requirement). */
function lineOf(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(^|["'\\s])${escaped}(?![A-Za-z0-9_.-])`, "i");
  const index = text.split(/\r\n|\r|\n/).findIndex((line) => pattern.test(line));
  return Math.max(index, 0);
}

/** setup.cfg `[options] install_requires`: inline and `;`-separated, or one per indented continuation line (markers allowed). */
function readSetupCfg(text: string, file: string, add: Add): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  let section = "";
  let inRequires = false;
  let found = false;
  lines.forEach((raw, line) => {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim();
      inRequires = false;
      return;
    }
    const key = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (key) {
      inRequires = section === "options" && key[1] === "install_requires";
      found ||= inRequires;
      if (inRequires) for (const part of key[2].split(";")) addSetupCfgValue(part, line, file, add);
    } else if (inRequires && /^\s+\S/.test(raw)) addSetupCfgValue(raw, line, file, add);
  });
  return found;
}

function addSetupCfgValue(value: string, line: number, file: string, add: Add): void {
  const requirement = parseRequirement(value.replace(/(^|\s)#.*$/, ""));
  if (requirement) add(requirement.name, { specifier: requirement.specifier, file, line });
}

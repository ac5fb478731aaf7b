// The env files of a Django project (RULES.md 6xx): `.env`, `.env.*`, `*.env` and whatever a compose file's
// `env_file:` names; which are templates, which are development env files; each parsed as python-dotenv does.
import type { FileAccess } from "../types";
import { parseDotenv, type DotenvFile } from "../dotenv/parse";
import { composeEnvFileRefs, type ComposeEnvFileRef } from "./composeEnvFiles";
import { isComposeFile, isDevelopmentCompose, isDevelopmentEnvFile } from "./fileKinds";
import { isEnvFileName, isTemplateEnvFile } from "./envFileNames";
import type { DjangoProject } from "./model";
import { dirname, isInsideToolingFolder, isUnder } from "./paths";

export interface EnvFile {
  /** Root-relative POSIX path. */
  file: string;
  text: string;
  dotenv: DotenvFile;
  /** Its name contains example, sample, template, dist or defaults. */
  template: boolean;
  /** Throwaway values (no DJP601/DJP602): under `.devcontainer/`, a name saying dev/local/test, or named only by development compose files. */
  development: boolean;
  /** The compose `env_file:` entries that name it. */
  composeRefs: ComposeEnvFileRef[];
}

const parseCache = new Map<string, { text: string; dotenv: DotenvFile }>();
const PARSE_CACHE_LIMIT = 500;

/** python-dotenv's reading of a file, reused while its text is unchanged. */
export function parseEnvText(file: string, text: string): DotenvFile {
  const cached = parseCache.get(file);
  if (cached && cached.text === text) return cached.dotenv;
  const dotenv = parseDotenv(text);
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
  parseCache.set(file, { text, dotenv });
  return dotenv;
}

/**
 * The compose files that speak for the project: its own, and those in the folders above its root
 * (a repository often keeps `docker-compose.yml` beside a `backend/` Django project).
 */
export function projectComposeFiles(project: DjangoProject, access: FileAccess): string[] {
  const isCompose = (file: string) => /\.ya?ml$/i.test(file) && !isInsideToolingFolder(file) && isComposeFile(file, access.read(file));
  const own = project.files.filter(isCompose);
  const above = project.root === "" ? [] : access.files().filter((file) => isUnder(project.root, dirname(file)) && dirname(file) !== project.root && isCompose(file));
  return [...new Set([...above, ...own])];
}

/** Every `env_file:` entry of the project's compose files. */
export function projectComposeRefs(project: DjangoProject, access: FileAccess): ComposeEnvFileRef[] {
  return projectComposeFiles(project, access).flatMap((compose) => composeEnvFileRefs(compose, access.read(compose) ?? ""));
}

/** The project's readable env files, sorted by path. */
export function projectEnvFiles(project: DjangoProject, access: FileAccess): EnvFile[] {
  const refs = projectComposeRefs(project, access);
  const inProject = new Set(project.files);
  const byName = [...project.files, ...project.adopted].filter((file) => isEnvFileName(file) && !isInsideToolingFolder(file));
  // A compose file may name an env file in a folder the listing skips (a git-ignored `.envs/` whose files are
  // tracked all the same): it is read by its path.
  const byCompose = refs.map((ref) => ref.file).filter((file) => inProject.has(file) || project.adopted.includes(file) || isUnder(file, project.root));
  const out: EnvFile[] = [];
  for (const file of [...new Set([...byName, ...byCompose])].sort()) {
    const text = access.read(file);
    if (text === undefined) continue;
    const composeRefs = refs.filter((ref) => ref.file === file);
    out.push({
      file,
      text,
      dotenv: parseEnvText(file, text),
      template: isTemplateEnvFile(file),
      development: isDevelopmentEnvFile(file) || (composeRefs.length > 0 && composeRefs.every((ref) => isDevelopmentCompose(ref.compose, access.read(ref.compose) ?? ""))),
      composeRefs,
    });
  }
  return out;
}

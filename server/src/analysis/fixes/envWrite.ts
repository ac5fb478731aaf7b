// Where a value moved out of a settings module goes: a name chosen per DESIGN.md, the `.env` line, the
// template's `NAME=` line and the .gitignore entry — everything of a fix outside the settings module.
import type { FileAccess, FileEdit } from "../types";
import type { DjangoProject } from "../project/model";
import type { Idiom } from "./idiom";
import { envFileEdit, envFilePath, envValues, templateEdit, templateEnvFile } from "./envFile";
import { gitignoreEdit } from "./gitignore";
import { envLoaders, formatEnvValue } from "./loaders";
import { chooseName, consistentPrefix, variablesRead, withPrefix } from "./naming";

export interface EnvTarget {
  project: DjangoProject;
  access: FileAccess;
  idiom: Idiom;
}

export interface EnvWrite {
  name: string;
  edits: FileEdit[];
}

/** A key every loader reads back (django-environ's read_env takes only these characters). */
const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function present(edits: ReadonlyArray<FileEdit | undefined>): FileEdit[] {
  return edits.filter((edit): edit is FileEdit => edit !== undefined);
}

/** The template's `NAME=` and the .gitignore entry for `.env`. */
function companionEdits(target: EnvTarget, envPath: string, name: string): Array<FileEdit | undefined> {
  const templatePath = templateEnvFile(target.project, envPath);
  const templateText = templatePath === undefined ? undefined : target.access.read(templatePath);
  return [templateEdit(templatePath, templateText, name), gitignoreEdit(target.access, target.project, envPath)];
}

/**
 * A variable for `value` named after `baseName` (`SECRET_KEY`, `DB_PASSWORD`) with the project's prefix, reusing a
 * `.env` key that means the same (`sameValue`, string equality by default) and never one holding something else.
 * Undefined when no `.env` text reads back as the value.
 */
export function planEnvWrite(
  target: EnvTarget,
  baseName: string,
  value: string,
  sameValue: (existing: string) => boolean = (existing) => existing === value,
  format: (value: string) => string | undefined = (text) => formatEnvValue(text, envLoaders(target.idiom)),
): EnvWrite | undefined {
  const written = format(value);
  if (written === undefined) return undefined;
  const envPath = envFilePath(target.project);
  const envText = target.access.read(envPath);
  const base = withPrefix(baseName, consistentPrefix(target.project));
  const { name, reused } = chooseName(base, { envValues: envValues(envText), read: variablesRead(target.project) }, sameValue);
  const envEdit = reused ? undefined : envFileEdit(envPath, envText, name, written);
  return { name, edits: present([envEdit, ...companionEdits(target, envPath, name)]) };
}

/**
 * Edits giving an existing variable `value` in `.env` — unless `.env` already defines it, whatever its value (that
 * is what the project ran with). Undefined when the value cannot be written.
 */
export function defineInEnv(target: EnvTarget, name: string, value: string): FileEdit[] | undefined {
  if (!PORTABLE_KEY.test(name)) return undefined;
  const envPath = envFilePath(target.project);
  const envText = target.access.read(envPath);
  if (envValues(envText).has(name)) return present(companionEdits(target, envPath, name));
  const written = formatEnvValue(value, envLoaders(target.idiom));
  if (written === undefined) return undefined;
  return present([envFileEdit(envPath, envText, name, written), ...companionEdits(target, envPath, name)]);
}

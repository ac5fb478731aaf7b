// The project's `.env` (beside manage.py; the project root when there is none) and its template env file:
// where a moved value is written, and the `NAME=` line the template gets.
import type { FileEdit } from "../types";
import type { DjangoProject } from "../project/model";
import { parseDotenv } from "../dotenv/parse";
import { isEnvFileName, isTemplateEnvFile } from "../project/envFileNames";
import { dirname, joinPath } from "../project/paths";
import { appendAt, appendLineEdit } from "./textPositions";

export function envFilePath(project: DjangoProject): string {
  return joinPath(project.manage ? dirname(project.manage) : project.root, ".env");
}

/** The project's template env file, preferring one in the `.env`'s own folder (`.env.example`). */
export function templateEnvFile(project: DjangoProject, envPath: string): string | undefined {
  const templates = project.files.filter((file) => isEnvFileName(file) && isTemplateEnvFile(file)).sort();
  return templates.find((file) => dirname(file) === dirname(envPath)) ?? templates[0];
}

/** Keys and values as python-dotenv reads them (a later definition wins). */
export function envValues(text: string | undefined): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const entry of parseDotenv(text ?? "").entries) values.set(entry.key, entry.value);
  return values;
}

/** Appends `NAME=written` to `.env`, creating the file when it does not exist. */
export function envFileEdit(path: string, text: string | undefined, name: string, written: string): FileEdit {
  return appendLineEdit(path, text, `${name}=${written}`);
}

/** `NAME=` (never the value) in the template env file, unless it already names the key. */
export function templateEdit(path: string | undefined, text: string | undefined, name: string): FileEdit | undefined {
  if (path === undefined || text === undefined || envValues(text).has(name)) return undefined;
  return { file: path, edits: [appendAt(text, [`${name}=`])] };
}

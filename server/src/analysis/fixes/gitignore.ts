// `.env` into the project's .gitignore when git would not ignore it: one home for the edit, used by the extract
// fixes and by DJP601/DJP602's "Add <file> to .gitignore".
import type { FileAccess, FileEdit } from "../types";
import type { DjangoProject } from "../project/model";
import { gitState } from "../project/gitIgnore";
import { dirname, isUnder, joinPath, relativeTo } from "../project/paths";
import { appendAt } from "./textPositions";

/** A .gitignore pattern that matches exactly this path relative to the .gitignore's folder. */
export function gitignorePattern(relativePath: string): string {
  return relativePath
    .replace(/[\\*?[]/g, (char) => `\\${char}`)
    .replace(/^[#!]/, (char) => `\\${char}`)
    .replace(/ $/, "\\ ");
}

/** The line for `path` appended to the project's root .gitignore (created when missing). */
export function gitignoreLineEdit(project: DjangoProject, read: (path: string) => string | undefined, path: string): FileEdit {
  // An env file above the project (a repository-root .env) is listed in the .gitignore beside it.
  const folder = isUnder(path, project.root) ? project.root : dirname(path);
  const gitignore = joinPath(folder, ".gitignore");
  const text = read(gitignore);
  const edit: FileEdit = { file: gitignore, edits: [appendAt(text, [gitignorePattern(relativeTo(path, folder))])] };
  if (text === undefined) edit.create = true;
  return edit;
}

/** The edit adding `path` to the project's .gitignore, or undefined when git already ignores it. */
export function gitignoreEdit(access: FileAccess, project: DjangoProject, path: string): FileEdit | undefined {
  if (gitState(access, path, project.root) === "ignored") return undefined;
  return gitignoreLineEdit(project, (file) => access.read(file), path);
}

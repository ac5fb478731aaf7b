// `.env` into the project's .gitignore when git would not ignore it. Git's own answer (FileAccess.gitStatus) is the
// truth where there is one; otherwise, and to avoid adding a pattern that is already there, the .gitignore files
// from the analysis root down to the file's folder are evaluated with `ignore`.
import ignore from "ignore";
import type { FileAccess, FileEdit } from "../types";
import type { DjangoProject } from "../project/model";
import { dirname, joinPath, relativeTo } from "../project/paths";
import { appendAt } from "./textPositions";

/** Folders from the root ("") down to `dir`. */
function foldersDownTo(dir: string): string[] {
  const parts = dir ? dir.split("/") : [];
  return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
}

/** Whether the .gitignore files would ignore `path`; a deeper file's match overrides a shallower one's, as in git. */
export function ignoredByGitignoreFiles(access: FileAccess, path: string): boolean {
  let ignored = false;
  for (const folder of foldersDownTo(dirname(path))) {
    const text = access.read(joinPath(folder, ".gitignore"));
    if (text === undefined) continue;
    const result = ignore().add(text).test(relativeTo(path, folder));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** The edit adding `path` to the project's .gitignore (created when missing), or undefined when git ignores it. */
export function gitignoreEdit(access: FileAccess, project: DjangoProject, path: string): FileEdit | undefined {
  if (access.gitStatus?.(path) === "ignored" || ignoredByGitignoreFiles(access, path)) return undefined;
  const gitignore = joinPath(project.root, ".gitignore");
  const text = access.read(gitignore);
  const relative = relativeTo(path, project.root);
  const pattern = relative.includes("/") ? `/${relative}` : relative;
  const edit: FileEdit = { file: gitignore, edits: [appendAt(text, [pattern])] };
  if (text === undefined) edit.create = true;
  return edit;
}

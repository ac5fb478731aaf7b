// file: URIs ↔ file system paths ↔ root-relative POSIX paths, with node:url (no vscode-uri).
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The file system path of a file: URI; undefined for every other scheme (untitled:, git:, …) or a malformed URI. */
export function uriToFsPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fsPathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** The root-relative POSIX path of fsPath, or undefined when fsPath is the root itself or lies outside it. */
export function relativeToRoot(root: string, fsPath: string): string | undefined {
  const rel = relative(root, fsPath);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

export function rootRelativeToFsPath(root: string, path: string): string {
  return join(root, ...path.split("/"));
}

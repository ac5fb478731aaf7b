// A throwaway copy of a fixture workspace: the quick fix writes to it.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./locate";

export function copyFixture(name: string, parentDir: string): string {
  const target = join(parentDir, name);
  cpSync(join(repoRoot, "test", "fixtures", "e2e", name), target, { recursive: true });
  return target;
}

/** The file's text, or undefined while it does not exist. */
export function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

// Builds synthetic git repositories for the adoption tests (history, baseline, pre-commit): fixed identities
// and dates, no user or system configuration.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Fixture",
  GIT_AUTHOR_EMAIL: "fixture@example.invalid",
  GIT_COMMITTER_NAME: "Fixture",
  GIT_COMMITTER_EMAIL: "fixture@example.invalid",
};

export function git(cwd: string, args: readonly string[], input?: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...GIT_ENV, ...env },
    maxBuffer: 256 * 1024 * 1024,
    ...(input !== undefined ? { input } : {}),
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Commits everything staged and unstaged (new files included) at a fixed date; returns the commit id. */
export function commitAll(root: string, message: string, day: number): string {
  git(root, ["add", "-A"]);
  const date = `2024-01-${String(day).padStart(2, "0")}T12:00:00Z`;
  git(root, ["commit", "-q", "--allow-empty", "-m", message], undefined, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(root, ["rev-parse", "HEAD"]).trim();
}

export function initRepo(root: string): void {
  git(root, ["init", "-q"]);
}

export function hasGit(): boolean {
  return spawnSync("git", ["--version"]).status === 0;
}

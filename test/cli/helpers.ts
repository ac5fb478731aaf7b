// Shared by the CLI tests: run the built CLI, copy fixtures to temporary folders, find lines in files.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(__dirname, "../..");
/** DJANGO_READY_CLI runs the tests against another build (an installed one, say) instead of dist/cli.js. */
const externalCli = process.env.DJANGO_READY_CLI;
export const cliPath = externalCli ?? join(repoRoot, "dist/cli.js");
export const fixturesDir = join(repoRoot, "test/fixtures/cli");
export const insecureExample = join(repoRoot, "examples/insecure-blog");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(cliPath)) return false;
  const sources = Math.max(newestMtime(join(repoRoot, "server/src")), statSync(join(repoRoot, "build.mjs")).mtimeMs);
  return statSync(cliPath).mtimeMs >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when it is missing or older than the sources. Test files run in parallel processes,
 * so a lock folder makes one of them build while the others wait for it.
 */
export function ensureBuilt(): void {
  if (externalCli !== undefined || isFresh()) return;
  const lock = join(repoRoot, "dist", ".build-lock");
  mkdirSync(join(repoRoot, "dist"), { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    for (let waited = 0; existsSync(lock) && waited < 120_000; waited += 200) sleep(200);
    return;
  }
  try {
    const build = spawnSync(process.execPath, ["build.mjs"], { cwd: repoRoot, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`node build.mjs failed:\n${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: undefined, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh copy (dotfiles included) in a temporary folder outside any git repository. */
export function copyToTemp(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "django-ready-cli-"));
  cpSync(source, dir, { recursive: true });
  return dir;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "django-ready-cli-"));
}

export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The 1-based number of the first line of a file that contains `needle`. */
export function lineOf(file: string, needle: string): number {
  const index = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not found in ${file}`);
  return index + 1;
}

/** No V8 stack frame ("    at fn (file:1:2)") ever reaches the user. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}

// Builds small hostile workspaces in temporary folders for the security tests, and runs the built CLI on them.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { cliPath, ensureBuilt, type CliRun } from "../cli/helpers";

/** A literal every secret rule flags; the tests assert it never reaches output it must not reach. */
export const SECRET = "django-insecure-q8w#z5r7t1y4u6i0o-p2a8s4d6f8g0h2j4k3j9x!b2m@";

export const MANAGE_PY = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
export const SETTINGS_PY = `DEBUG = False\nSECRET_KEY = "${SECRET}"\n`;

export interface Workspace {
  /** A temporary folder holding `project/` (the analysed root) and `outside/` (where attacks aim). */
  base: string;
  root: string;
  outside: string;
  write(rel: string, content: string | Uint8Array): string;
}

/** A Django project under `<base>/project`, removed after the test file; `files` are root-relative. */
export function workspace(files: Record<string, string | Uint8Array> = {}): Workspace {
  const base = mkdtempSync(join(tmpdir(), "djr-hostile-"));
  after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, "project");
  const outside = join(base, "outside");
  mkdirSync(outside, { recursive: true });
  const write = (rel: string, content: string | Uint8Array): string => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  for (const [rel, content] of Object.entries({ "manage.py": MANAGE_PY, "mysite/settings.py": SETTINGS_PY, ...files })) write(rel, content);
  return { base, root, outside, write };
}

/** The CLI with a safety-net timeout: a hang shows as status null (a failed assertion), never as a stuck test run. */
export function cli(args: readonly string[], cwd: string): CliRun {
  ensureBuilt();
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const isRoot = process.getuid?.() === 0;

const NOBODY = 65534;

function chownTree(path: string, uid: number): void {
  lchownSync(path, uid, uid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), uid);
}

/**
 * The CLI as a user file permissions apply to: itself where the tests do not run as root; as root (CI), the
 * workspace is handed to `nobody` and the CLI is started through setpriv. A string says why neither can be had.
 */
export function unprivilegedCli(ws: Workspace): ((args: readonly string[], cwd: string) => CliRun) | string {
  if (!isRoot) return cli;
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((path) => existsSync(path));
  if (!setpriv) return "skipped: running as root and setpriv is not installed, so file permissions do not apply";
  chmodSync(ws.base, 0o755);
  chownTree(ws.base, NOBODY);
  return (args, cwd) => {
    ensureBuilt();
    const result = spawnSync(setpriv, [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, cliPath, ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", HOME: ws.base },
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
}

/** A FIFO at `path`; false where mkfifo is unavailable. */
export function makeFifo(path: string): boolean {
  return spawnSync("mkfifo", [path]).status === 0;
}

// The one way this product runs git. A workspace is untrusted: its `.git/config` (and any file that
// config includes) can name programs that git runs on its own — core.fsmonitor runs on every command
// that reads the index, textconv and external diff drivers run under `log -p`, filters under
// anything that compares the work tree. So git is
// - found at an absolute path outside the workspace (never through a PATH entry inside it, nor a
//   relative PATH entry resolved against the workspace as working directory);
// - run with command-line overrides, which win over every configuration file and include, that turn
//   each program-running key off; callers use only read commands that run no filter or hook;
// - run without a terminal, pager, prompt or optional index writes, bounded in time and output.
// Reading the index ourselves was weighed: it would also need git's ignore rules (info/exclude,
// core.excludesFile, nested .gitignore), which the `ignore` package only approximates.
import { execFile, spawnSync } from "node:child_process";
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, relative, resolve, sep } from "node:path";

/** `-c` pairs that disable everything a repository's configuration could make git execute. */
const NEUTRALISING_CONFIG: readonly string[] = [
  "core.fsmonitor=false",
  "core.useBuiltinFSMonitor=false",
  "core.untrackedCache=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.sshCommand=false",
  "core.gitProxy=",
  "core.askPass=",
  "core.editor=false",
  "sequence.editor=false",
  "credential.helper=",
  "diff.external=",
  "gpg.program=false",
  "protocol.allow=never",
].flatMap((pair) => ["-c", pair]);

/** Options every caller's arguments follow; `--no-ext-diff --no-textconv` matter for diff output. */
export const SAFE_DIFF_OPTIONS: readonly string[] = ["--no-ext-diff", "--no-textconv"];

const WELL_KNOWN_GIT_PATHS = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git", "/opt/homebrew/bin/git"];

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function lexicallyInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Lexically or through a symbolic link (a PATH folder linked into the workspace, a git linked to a script in it). */
function isInside(path: string, folder: string): boolean {
  return lexicallyInside(resolve(path), resolve(folder)) || lexicallyInside(realOrSelf(path), realOrSelf(folder));
}

const resolvedGit = new Map<string, string | undefined>();

/**
 * An absolute git executable that does not lie inside `workspace`: the well-known install places
 * first, then absolute PATH entries outside the workspace. Undefined when there is none.
 */
export function resolveGit(workspace: string): string | undefined {
  const key = resolve(workspace);
  if (resolvedGit.has(key)) return resolvedGit.get(key);
  const exe = process.platform === "win32" ? "git.exe" : "git";
  const fromPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && isAbsolute(dir))
    .map((dir) => join(dir, exe));
  const found = [...WELL_KNOWN_GIT_PATHS, ...fromPath].find(
    (candidate) => !isInside(candidate, key) && isExecutableFile(candidate),
  );
  resolvedGit.set(key, found);
  return found;
}

/** Our own environment, less anything that points git at another repository, config or program. */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("GIT_")) env[name] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_PAGER: "cat",
    PAGER: "cat",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_NO_LAZY_FETCH: "1",
  };
}

export interface GitRunOptions {
  /** Milliseconds before git is killed; the answer is then undefined. */
  timeoutMs?: number;
  /** Bytes of standard output accepted; past it the answer is undefined. */
  maxOutputBytes?: number;
  /** Written to git's standard input (`cat-file --batch` reads object names there); none when absent. */
  input?: string;
}

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** Why there is no answer: git missing, killed by the time limit, too much output, or its exit status. */
  failure?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;

const NO_GIT = "no git executable outside the workspace";

/** What every git run shares, blocking or not: the overrides before its arguments, the bounds and the environment. */
function gitArguments(args: readonly string[]): string[] {
  return ["--no-pager", ...NEUTRALISING_CONFIG, ...args];
}

function boundedRun(cwd: string, options: GitRunOptions) {
  return {
    cwd,
    maxBuffer: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    killSignal: "SIGKILL" as const,
    env: gitEnvironment(),
    windowsHide: true,
  };
}

function spawnGit(git: string, cwd: string, args: readonly string[], options: GitRunOptions, encoding: "utf8" | "buffer") {
  return spawnSync(git, gitArguments(args), {
    ...boundedRun(cwd, options),
    encoding,
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "ignore"],
    ...(options.input === undefined ? {} : { input: Buffer.from(options.input, "utf8") }),
  });
}

function failureOf(result: ReturnType<typeof spawnSync>): string | undefined {
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return code === "ETIMEDOUT" ? "git timed out" : code === "ENOBUFS" ? "git printed too much" : result.error.message;
  }
  return result.status !== 0 ? `git exited with ${result.status ?? result.signal}` : undefined;
}

/**
 * Runs a read-only git command in `cwd` (the workspace folder or below it) the safe way.
 * `workspace` is the trust boundary: the git executable must lie outside it.
 */
export function runGit(workspace: string, cwd: string, args: readonly string[], options: GitRunOptions = {}): GitResult {
  const git = resolveGit(workspace);
  if (!git) return { ok: false, stdout: "", failure: NO_GIT };
  const result = spawnGit(git, cwd, args, options, "utf8");
  const failure = failureOf(result);
  const stdout = typeof result.stdout === "string" ? result.stdout : "";
  if (failure !== undefined) return { ok: false, stdout: result.error ? "" : stdout, failure };
  return { ok: true, stdout };
}

/**
 * runGit without blocking: the same executable, overrides, environment and bounds (no standard input), so that git
 * can run while the caller lists the workspace.
 */
export function runGitAsync(workspace: string, cwd: string, args: readonly string[], options: Omit<GitRunOptions, "input"> = {}): Promise<GitResult> {
  const git = resolveGit(workspace);
  if (!git) return Promise.resolve({ ok: false, stdout: "", failure: NO_GIT });
  return new Promise((resolvePromise) => {
    const child = execFile(
      git,
      gitArguments(args),
      { ...boundedRun(cwd, options), encoding: "utf8" },
      (error, stdout) => {
        if (!error) return resolvePromise({ ok: true, stdout });
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        const failure =
          code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER" ? "git printed too much" : error.killed ? "git timed out" : typeof code === "number" ? `git exited with ${code}` : error.message;
        resolvePromise({ ok: false, stdout: "", failure });
      },
    );
    child.stdin?.end();
  });
}

export interface GitBytesResult {
  ok: boolean;
  stdout: Buffer;
  failure?: string;
}

/** runGit for output that must be cut by byte counts (`cat-file --batch`): standard output as bytes. */
export function runGitBytes(workspace: string, cwd: string, args: readonly string[], options: GitRunOptions = {}): GitBytesResult {
  const git = resolveGit(workspace);
  if (!git) return { ok: false, stdout: Buffer.alloc(0), failure: NO_GIT };
  const result = spawnGit(git, cwd, args, options, "buffer");
  const failure = failureOf(result);
  const stdout = Buffer.isBuffer(result.stdout) ? result.stdout : Buffer.alloc(0);
  return failure === undefined ? { ok: true, stdout } : { ok: false, stdout: Buffer.alloc(0), failure };
}

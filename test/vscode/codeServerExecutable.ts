// Stands in for the desktop VS Code executable that @vscode/test-electron's runTests launches, on machines where
// none can be downloaded: it takes the same command line (folder, --extensionDevelopmentPath,
// --extensionTestsPath, --user-data-dir, --extensions-dir), runs the extension tests in code-server (VS Code 1.100)
// — whose remote extension host runs extension tests like the desktop one — with the workbench loaded in headless
// Chromium, and exits with the tests' exit code. The tests' environment (extensionTestsEnv) reaches the extension
// host through code-server, which it starts as a child. The workbench receives the development and test
// locations as VS Code's web workbench does when it opens an Extension Development Host: the `payload` query.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { format } from "node:util";
import type { Browser } from "playwright-core";
import { createProfileAt, type RunningCodeServer, startCodeServer } from "../e2e/codeServer";
import { locateEnvironment } from "../e2e/environment";

export interface HostArguments {
  folder?: string;
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
}

/** The part of VS Code's command line that matters here; flags meant for Electron are ignored. */
export function parseArguments(argv: string[]): HostArguments {
  const parsed: HostArguments = { extensionDevelopmentPaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--extensionDevelopmentPath") parsed.extensionDevelopmentPaths.push(resolve(value()));
    else if (flag === "--extensionTestsPath") parsed.extensionTestsPath = resolve(value());
    else if (flag === "--user-data-dir") parsed.userDataDir = resolve(value());
    else if (flag === "--extensions-dir") parsed.extensionsDir = resolve(value());
    else if (!arg.startsWith("-")) parsed.folder = resolve(arg);
  }
  return parsed;
}

/** The workbench URL that opens `folder` as an Extension Development Host running the tests remotely. */
export function workbenchUrl(serverUrl: string, args: HostArguments): string {
  const authority = new URL(serverUrl).host;
  const remote = (path: string) => `vscode-remote://${authority}${path}`;
  const payload = [
    ...args.extensionDevelopmentPaths.map((path) => ["extensionDevelopmentPath", remote(path)]),
    ...(args.extensionTestsPath ? [["extensionTestsPath", remote(args.extensionTestsPath)]] : []),
  ];
  const url = new URL(serverUrl);
  if (args.folder) url.searchParams.set("folder", args.folder);
  url.searchParams.set("payload", JSON.stringify(payload));
  return url.toString();
}

const TEST_RUN_TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (!args.extensionTestsPath || args.extensionDevelopmentPaths.length === 0) {
    console.error("code-server host: --extensionTestsPath and --extensionDevelopmentPath are required");
    return 1;
  }
  const located = locateEnvironment();
  if (!located.ok) {
    console.error(`code-server host: ${located.skip}`);
    return 1;
  }
  const { environment } = located;
  const scratch = mkdtempSync(join(tmpdir(), "djready-vscode-host-"));
  const profile = createProfileAt({
    userDataDir: args.userDataDir ?? join(scratch, "user-data"),
    extensionsDir: args.extensionsDir ?? join(scratch, "extensions"),
  });
  // The extension host's console reaches the workbench, not this terminal: the suite writes its report here.
  const testLog = join(scratch, "tests.log");
  writeFileSync(testLog, "");
  process.env.DJREADY_VSCODE_TEST_LOG = testLog;
  const workbenchLog: string[] = [];
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let code = 1;
  try {
    server = await startCodeServer(environment.codeServerEntry, profile, args.folder ?? scratch);
    browser = await environment.playwright.chromium.launch({ executablePath: environment.chromium, args: environment.chromiumArgs });
    const page = await browser.newPage();
    const exited = new Promise<number>((resolveExit) => {
      void page.exposeFunction("codeAutomationExit", (exitCode: number) => resolveExit(exitCode));
    });
    await page.exposeFunction("codeAutomationLog", (level: string, logArgs: unknown[]) => workbenchLog.push(`[${level}] ${format(...logArgs)}`));
    await page.goto(workbenchUrl(server.url, args));
    code = await withTimeout(exited, TEST_RUN_TIMEOUT_MS);
  } finally {
    process.stdout.write(readFileSync(testLog, "utf8"));
    if (code !== 0) console.log(`--- the workbench's log\n${workbenchLog.join("\n")}\n--- code-server's output\n${server?.output() ?? ""}`);
    await browser?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return code;
}

/** The tests' exit code, or 1 (with a message) when they did not finish in time. */
async function withTimeout(exited: Promise<number>, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolveTimeout) => {
    timer = setTimeout(() => {
      console.error(`code-server host: the extension tests did not finish within ${timeoutMs / 60_000} minutes`);
      resolveTimeout(1);
    }, timeoutMs);
  });
  try {
    return await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`code-server host: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

// npm run test:vscode: the @vscode/test-electron suite (runTests) in a real VS Code. A desktop VS Code is used
// when there is one (VSCODE_EXECUTABLE, or one seeded in .vscode-test/); none can be downloaded on these
// machines, so otherwise the executable runTests launches is codeServerExecutable.ts: the same suite in
// code-server's extension host (VS Code 1.100), its workbench in headless Chromium. Skips, saying why, only
// when neither is there.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";
import { build } from "esbuild";
import { locateEnvironment } from "../e2e/environment";

const repoRoot = resolve(__dirname, "../..");
const seededDir = join(repoRoot, ".vscode-test");
const suiteOutDir = join(seededDir, "suite-out");

/** VSCODE_EXECUTABLE, else a VS Code that @vscode/test-electron downloaded (or someone copied) into .vscode-test/. */
function findVscodeExecutable(): string | undefined {
  const configured = process.env.VSCODE_EXECUTABLE;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`VSCODE_EXECUTABLE=${configured} does not exist`);
    return configured;
  }
  if (!existsSync(seededDir)) return undefined;
  return readdirSync(seededDir)
    .filter((name) => name.startsWith("vscode-"))
    .sort()
    .reverse()
    .map((name) => join(seededDir, name, "code"))
    .find((path) => existsSync(path));
}

/** Bundles the suite (vscode and mocha stay external: the extension host provides one, node_modules the other). */
async function buildSuite(): Promise<string> {
  const suiteDir = join(__dirname, "suite");
  const suites = readdirSync(suiteDir).filter((name) => name.endsWith(".suite.ts"));
  rmSync(suiteOutDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(suiteDir, "index.ts"), ...suites.map((name) => join(suiteDir, name))],
    outdir: suiteOutDir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
  return join(suiteOutDir, "index.js");
}

interface Host {
  what: string;
  executable: string;
  /** Put before VS Code's own arguments: how to start the executable. */
  prefix: string[];
}

/** A desktop VS Code, else code-server through codeServerExecutable.ts, else why neither. */
function findHost(): Host | string {
  const desktop = findVscodeExecutable();
  if (desktop) return { what: `VS Code at ${desktop}`, executable: desktop, prefix: [] };
  const located = locateEnvironment();
  if (!located.ok) return `${located.skip}; and no desktop VS Code (set VSCODE_EXECUTABLE)`;
  return {
    what: `code-server ${codeServerVersion(located.environment.codeServerEntry)} (${located.environment.codeServerEntry}) in ${located.environment.chromium}`,
    executable: process.execPath,
    prefix: ["--import", "tsx", join(__dirname, "codeServerExecutable.ts")],
  };
}

function codeServerVersion(entry: string): string {
  return (JSON.parse(readFileSync(join(entry, "..", "..", "..", "package.json"), "utf8")) as { version: string }).version;
}

async function main(): Promise<number> {
  const host = findHost();
  if (typeof host === "string") {
    console.log(host);
    return 0;
  }
  console.log(`# the VS Code suite runs in ${host.what}`);
  const extensionTestsPath = await buildSuite();
  const dir = mkdtempSync(join(tmpdir(), "djready-vscode-"));
  const workspace = join(dir, "single");
  cpSync(join(repoRoot, "test", "fixtures", "e2e", "single"), workspace, { recursive: true });
  // codeServerExecutable.ts is started with `--import tsx`, which resolves from the working directory.
  process.chdir(repoRoot);
  try {
    return await runTests({
      vscodeExecutablePath: host.executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { DJREADY_WORKSPACE: workspace },
      launchArgs: [
        ...host.prefix,
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        "--user-data-dir",
        join(dir, "user-data"),
        "--extensions-dir",
        join(dir, "extensions"),
      ],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

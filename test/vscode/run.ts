// npm run test:vscode: the @vscode/test-electron suite in a desktop VS Code — when there is one. None can be
// downloaded on these machines, so it runs with VSCODE_EXECUTABLE or a VS Code seeded in .vscode-test/,
// and otherwise says it was skipped.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";
import { build } from "esbuild";

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

async function main(): Promise<number> {
  const vscodeExecutablePath = findVscodeExecutable();
  if (!vscodeExecutablePath) {
    console.log("skipped: no VS Code executable (set VSCODE_EXECUTABLE)");
    return 0;
  }
  const extensionTestsPath = await buildSuite();
  const dir = mkdtempSync(join(tmpdir(), "djready-vscode-"));
  const workspace = join(dir, "single");
  cpSync(join(repoRoot, "test", "fixtures", "e2e", "single"), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { DJREADY_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        "--user-data-dir",
        join(dir, "user-data"),
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

// Runs `npm run package` (production build + vsce) into a given .vsix path.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const repoRoot = resolve(__dirname, "../..");

export interface PackageResult {
  status: number | null;
  output: string;
}

export function packageVsix(outFile: string): PackageResult {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "--silent", "package", "--", "-o", outFile], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Finds the real clients the end-to-end test drives: code-server, playwright-core and a Chromium.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

export const repoRoot = resolve(__dirname, "../..");

/** Where .ci/run installs code-server, and where the lead once installed it by hand. */
const machineInstalls = ["/opt/code-server/node_modules", "/tmp/cs/node_modules"];

function entryOf(codeServerDir: string): string {
  return join(codeServerDir, "out", "node", "entry.js");
}

/** CODE_SERVER_ENTRY (entry.js or the package folder), the project's node_modules, then /opt/code-server, /tmp/cs. */
export function findCodeServerEntry(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.CODE_SERVER_ENTRY;
  if (configured) {
    const entry = configured.endsWith(".js") ? configured : entryOf(configured);
    return existsSync(entry) ? entry : undefined;
  }
  return [join(repoRoot, "node_modules"), ...machineInstalls]
    .map((modules) => join(modules, "code-server"))
    .map(entryOf)
    .find((entry) => existsSync(entry));
}

/** The folder holding node_modules/code-server: a playwright-core installed beside it is a fallback. */
function codeServerModules(entry: string): string {
  return resolve(dirname(entry), "..", "..", "..");
}

export type PlaywrightModule = typeof import("playwright-core");

/** playwright-core from the project's devDependencies, else the one installed beside code-server. */
export function loadPlaywright(codeServerEntry: string): PlaywrightModule | undefined {
  for (const base of [join(repoRoot, "package.json"), join(codeServerModules(codeServerEntry), "package.json")]) {
    try {
      return createRequire(base)("playwright-core") as PlaywrightModule;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** CHROMIUM_PATH, else Debian's chromium and the usual other names. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

/** DESIGN.md "Real clients on this machine": headless, no sandbox (root in CI), nothing phoning home. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// What the end-to-end test needs, or why it is skipped. An explicitly configured CODE_SERVER_ENTRY that is
// missing is an error, not a skip: CI sets it, and there the test must run.
import { chromiumArgs, findChromium, findCodeServerEntry, loadPlaywright, type PlaywrightModule } from "./locate";

export interface E2eEnvironment {
  codeServerEntry: string;
  chromium: string;
  chromiumArgs: string[];
  playwright: PlaywrightModule;
}

export type Located = { ok: true; environment: E2eEnvironment } | { ok: false; skip: string };

export function locateEnvironment(env: NodeJS.ProcessEnv = process.env): Located {
  const codeServerEntry = findCodeServerEntry(env);
  if (!codeServerEntry) {
    if (env.CODE_SERVER_ENTRY) throw new Error(`CODE_SERVER_ENTRY=${env.CODE_SERVER_ENTRY} holds no code-server`);
    return { ok: false, skip: "skipped: code-server not installed (set CODE_SERVER_ENTRY)" };
  }
  const chromium = findChromium(env);
  if (!chromium) return { ok: false, skip: "skipped: chromium not installed (set CHROMIUM_PATH)" };
  const playwright = loadPlaywright(codeServerEntry);
  if (!playwright) return { ok: false, skip: "skipped: playwright-core not installed" };
  return { ok: true, environment: { codeServerEntry, chromium, chromiumArgs, playwright } };
}

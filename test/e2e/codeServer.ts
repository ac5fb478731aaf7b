// A code-server (VS Code 1.100 in the browser) of our own: fresh profile, the .vsix installed, one folder open.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { poll } from "./poll";

export interface Profile {
  userDataDir: string;
  extensionsDir: string;
}

/** Without these a trust dialog, a walkthrough and notifications cover the workbench. */
const userSettings = {
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "editor.hover.delay": 100,
  // Workbench tooltips (Problems rows) would cover what the test scrolls and reads.
  "workbench.hover.delay": 10000,
  "window.restoreWindows": "none",
  "chat.commandCenter.enabled": false,
};

export function createProfile(dir: string): Profile {
  return createProfileAt({ userDataDir: join(dir, "user-data"), extensionsDir: join(dir, "extensions") });
}

/** The folders made, and the settings that keep the workbench clear written. */
export function createProfileAt(profile: Profile): Profile {
  mkdirSync(join(profile.userDataDir, "User"), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(join(profile.userDataDir, "User", "settings.json"), `${JSON.stringify(userSettings, null, 2)}\n`);
  return profile;
}

function profileArgs(profile: Profile): string[] {
  return ["--user-data-dir", profile.userDataDir, "--extensions-dir", profile.extensionsDir];
}

interface Exit {
  code: number | null;
  output: string;
}

function runToExit(child: ChildProcess): Promise<Exit> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

export async function installExtension(entry: string, profile: Profile, vsix: string): Promise<void> {
  const child = spawn(process.execPath, [entry, ...profileArgs(profile), "--install-extension", vsix], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exit = await runToExit(child);
  if (exit.code !== 0) throw new Error(`code-server --install-extension exited with ${exit.code}:\n${exit.output}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  /** What code-server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function isHealthy(url: string): Promise<true | undefined> {
  const response = await fetch(new URL("healthz", url));
  return response.ok ? true : undefined;
}

export async function startCodeServer(entry: string, profile: Profile, folder: string): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = [
    entry,
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    ...profileArgs(profile),
    folder,
  ];
  // Its own process group, so stopping it also stops the extension host and the language server it started.
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const running: RunningCodeServer = {
    url: `http://127.0.0.1:${port}/`,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
  try {
    await poll(() => (child.exitCode === null ? isHealthy(running.url) : Promise.reject(new Error("code-server exited"))), {
      what: "code-server to answer /healthz",
      timeoutMs: 30_000,
    });
  } catch (error) {
    await running.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
  return running;
}

function hasExited(child: ChildProcess): true | undefined {
  return child.exitCode !== null || child.signalCode !== null ? true : undefined;
}

/** SIGTERM to the group, then SIGKILL to whatever of it (extension host, language server) is left. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  if (!hasExited(child)) {
    signalGroup(child.pid, "SIGTERM");
    await poll(() => hasExited(child), { what: "code-server to stop", timeoutMs: 5_000 }).catch(() => undefined);
  }
  signalGroup(child.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

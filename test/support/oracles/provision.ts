// Builds, once, the Python environment the oracle tests run (.cache/oracles/venv): a venv of the machine's
// Python, the pinned releases pip reaches, and the pinned Debian packages extracted into it (no root needed).
// Later runs reuse it. Prints one line saying which. A pin it could not install is recorded with the reason,
// which the tests that need it print when they skip. Run directly: node --import tsx test/support/oracles/provision.ts
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { hasPin, lastLine, probe } from "./probe";
import {
  cacheDir,
  describePin,
  type FromDebian,
  type Pin,
  PINS,
  pinsFingerprint,
  type ProvisionState,
  readState,
  repoRoot,
  stateFile,
  venvDir,
  venvPython,
} from "./pins";

/** Debian's interpreter first: the pyenv `python3` on some PATHs is fine as a venv base but is not preferred. */
const BASE_PYTHONS = ["/usr/bin/python3", "python3"];

type Step = { ok: true } | { ok: false; why: string; started?: boolean };

function run(command: string, args: string[], cwd?: string): Step {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error) return { ok: false, why: `${command} could not be started (${result.error.message})` };
  if (result.status !== 0) return { ok: false, started: true, why: `${[command, ...args].join(" ")} failed: ${lastLine(result.stderr || result.stdout)}` };
  return { ok: true };
}

function createVenv(): { base: string } | { why: string } {
  const tried: string[] = [];
  for (const base of BASE_PYTHONS) {
    const made = run(base, ["-m", "venv", "--clear", venvDir]);
    if (made.ok) return { base };
    tried.push(made.why);
  }
  return { why: `no venv could be made (${tried.join("; ")}); Debian needs python3-venv` };
}

function pipInstall(requirements: string[]): Step {
  return run(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "--retries", "1", ...requirements]);
}

function sitePackages(): string {
  const result = spawnSync(venvPython, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: "utf8" });
  return result.stdout.trim();
}

/** `apt-get download` (no root, no system change), then the package's Python files copied into the venv. */
function installDebian(from: FromDebian): Step {
  if (from.needs.length > 0) {
    const needs = pipInstall(from.needs);
    if (!needs.ok) return needs;
  }
  const work = mkdtempSync(join(cacheDir, "deb-"));
  try {
    const downloaded = run("apt-get", ["download", "-q", from.debian], work);
    if (!downloaded.ok && downloaded.started) return { ok: false, why: `${downloaded.why} (is the apt package list current? apt-get update)` };
    if (!downloaded.ok) return downloaded;
    const deb = readdirSync(work).find((name) => name.endsWith(".deb"));
    if (!deb) return { ok: false, why: `apt-get download ${from.debian} left no .deb` };
    const extracted = run("dpkg-deb", ["-x", deb, "root"], work);
    if (!extracted.ok) return extracted;
    const distPackages = join(work, "root", "usr", "lib", "python3", "dist-packages");
    if (!existsSync(distPackages)) return { ok: false, why: `${deb} holds no usr/lib/python3/dist-packages` };
    cpSync(distPackages, sitePackages(), { recursive: true });
    return { ok: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function install(pin: Pin): Step {
  return pin.from.source === "pip" ? pipInstall([pin.from.requirement]) : installDebian(pin.from);
}

/** Installs every pin, then checks each one's version and import in the venv (what the tests check again). */
function build(): ProvisionState {
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const state: ProvisionState = { pins: pinsFingerprint(), builtAt: new Date().toISOString(), installed: [], missing: {} };
  const venv = createVenv();
  if ("why" in venv) {
    for (const pin of PINS) state.missing[pin.name] = venv.why;
    return state;
  }
  state.base = venv.base;
  const failures = new Map<string, string>();
  for (const pin of PINS) {
    const step = install(pin);
    if (!step.ok) failures.set(pin.name, step.why);
  }
  const probed = probe(venvPython);
  for (const pin of PINS) {
    if (probed.ok && hasPin(probed.installed, pin)) state.installed.push(pin.name);
    else state.missing[pin.name] = failures.get(pin.name) ?? whyNot(pin, probed.ok ? probed.installed[pin.name] : undefined, probed.ok ? undefined : probed.error);
  }
  return state;
}

function whyNot(pin: Pin, got: { version?: string; importError?: string } | undefined, probeError?: string): string {
  if (probeError) return probeError;
  if (got?.version === undefined) return `${pin.name} is not installed in the venv`;
  if (got.version !== pin.version) return `the venv has ${pin.name} ${got.version}`;
  return `${pin.module} does not import: ${got.importError}`;
}

function summary(state: ProvisionState): string {
  const installed = PINS.filter((pin) => state.installed.includes(pin.name));
  const bySource = (source: Pin["from"]["source"]) => installed.filter((pin) => pin.from.source === source).map(describePin);
  const parts = [
    bySource("pip").length ? `${bySource("pip").join(", ")} by pip` : "",
    bySource("debian").length ? `${bySource("debian").join(", ")} from Debian's archive` : "",
  ].filter(Boolean);
  const missing = Object.entries(state.missing).map(([name, why]) => `${name}: ${why}`);
  return [
    parts.length ? parts.join("; ") : "no oracle installed",
    ...(missing.length ? [`NOT installed (their tests skip; rm -rf ${relative(repoRoot, cacheDir)} to retry): ${missing.join("; ")}`] : []),
  ].join("; ");
}

/** Why a venv built for the current pins cannot be reused (it no longer has what it recorded), or undefined. */
function staleness(previous: ProvisionState): string | undefined {
  if (previous.installed.length === 0) return undefined;
  if (!existsSync(venvPython)) return "the previous one lost its Python";
  const probed = probe(venvPython);
  if (!probed.ok) return `the previous one no longer runs: ${probed.error}`;
  const lost = PINS.filter((pin) => previous.installed.includes(pin.name) && !hasPin(probed.installed, pin));
  return lost.length ? `the previous one lost ${lost.map(describePin).join(", ")}` : undefined;
}

/** Builds the environment unless one for the same pins is there and still answers; returns the line to print. */
export function provisionOracles(env: NodeJS.ProcessEnv = process.env): string {
  const where = relative(repoRoot, venvDir);
  if (env.DJANGO_READY_PYTHON) {
    return `oracles: DJANGO_READY_PYTHON=${env.DJANGO_READY_PYTHON} given, ${where} not built; each oracle test checks its versions`;
  }
  const previous = readState();
  const stale = previous?.pins === pinsFingerprint() ? staleness(previous) : "";
  if (previous && stale === undefined) return `oracles: reusing ${where} (built ${previous.builtAt}): ${summary(previous)}`;
  const started = Date.now();
  const state = build();
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  const seconds = Math.round((Date.now() - started) / 1000);
  return `oracles: built ${where}${stale ? ` (${stale})` : ""} in ${seconds} s from ${state.base ?? "no Python"}: ${summary(state)}`;
}

if (require.main === module) console.log(provisionOracles());

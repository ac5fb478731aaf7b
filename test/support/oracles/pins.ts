// The Python packages the oracle tests compare against, at exact versions (DESIGN.md "Real clients on this
// machine"), and where each comes from: the package index pip reaches, or Debian's archive through apt.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface FromPip {
  source: "pip";
  /** The requirement pip installs, dependencies included. */
  requirement: string;
}

export interface FromDebian {
  source: "debian";
  /** `apt-get download` argument: Debian package and exact version. */
  debian: string;
  /** What the package needs that is not in the standard library (installed with pip, any version). */
  needs: string[];
}

export interface Pin {
  /** The distribution name importlib.metadata knows it by. */
  name: string;
  version: string;
  /** What the tests import. */
  module: string;
  from: FromPip | FromDebian;
}

export const PINS: readonly Pin[] = [
  { name: "Django", version: "5.2.17", module: "django", from: { source: "pip", requirement: "django==5.2.17" } },
  { name: "python-dotenv", version: "1.2.4", module: "dotenv", from: { source: "pip", requirement: "python-dotenv==1.2.4" } },
  // Neither is in the package index these machines reach; Debian 12 ships these releases.
  {
    name: "django-environ",
    version: "0.4.4",
    module: "environ",
    from: { source: "debian", debian: "python3-django-environ=0.4.4-5", needs: ["six"] },
  },
  { name: "python-decouple", version: "3.6", module: "decouple", from: { source: "debian", debian: "python3-decouple=3.6-1", needs: [] } },
];

export type PinName = "Django" | "python-dotenv" | "django-environ" | "python-decouple";

export function pinOf(name: PinName): Pin {
  const pin = PINS.find((p) => p.name === name);
  if (!pin) throw new Error(`no oracle pin named ${name}`);
  return pin;
}

export const repoRoot = resolve(__dirname, "../../..");
/** Gitignored; `rm -rf .cache/oracles` makes the next `npm test` build it again. */
export const cacheDir = join(repoRoot, ".cache", "oracles");
export const venvDir = join(cacheDir, "venv");
export const venvPython = join(venvDir, "bin", "python");
export const stateFile = join(cacheDir, "state.json");

/** What provisioning recorded: which pins it installed and, for the others, why not. */
export interface ProvisionState {
  pins: string;
  builtAt: string;
  base?: string;
  installed: string[];
  missing: Record<string, string>;
}

/** Changes whenever a pin does, so a cache built for other pins is rebuilt. */
export function pinsFingerprint(): string {
  return JSON.stringify(PINS);
}

export function describePin(pin: Pin): string {
  return `${pin.name} ${pin.version}`;
}

export function readState(): ProvisionState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile, "utf8")) as ProvisionState;
  } catch {
    return undefined;
  }
}

// Asks a Python which oracle packages it has: the installed version of each pin and whether its module imports.
import { spawnSync } from "node:child_process";
import { type Pin, PINS } from "./pins";

export interface Installed {
  version?: string;
  /** Set when the distribution is installed but its module does not import. */
  importError?: string;
}

export type Probe = { ok: true; installed: Record<string, Installed> } | { ok: false; error: string };

const SCRIPT = `
import importlib, importlib.metadata as metadata, json, sys
answer = {}
for name, module in json.load(sys.stdin):
    entry = {}
    try:
        entry["version"] = metadata.version(name)
        importlib.import_module(module)
    except metadata.PackageNotFoundError:
        pass
    except Exception as error:
        entry["importError"] = repr(error)
    answer[name] = entry
json.dump(answer, sys.stdout)
`;

export function probe(python: string): Probe {
  const result = spawnSync(python, ["-c", SCRIPT], {
    input: JSON.stringify(PINS.map((pin) => [pin.name, pin.module])),
    encoding: "utf8",
    // Django is imported without settings: nothing it reads may come from the caller's environment.
    env: { PATH: process.env.PATH ?? "" },
  });
  if (result.error) return { ok: false, error: `${python} could not be started (${result.error.message})` };
  if (result.status !== 0) return { ok: false, error: `${python} failed: ${lastLine(result.stderr)}` };
  return { ok: true, installed: JSON.parse(result.stdout) as Record<string, Installed> };
}

export function lastLine(text: string | undefined): string {
  return (text ?? "").trim().split("\n").pop()?.trim() || "no output";
}

/** True when the probed Python has exactly the pinned release of `pin`, and its module imports. */
export function hasPin(installed: Record<string, Installed>, pin: Pin): boolean {
  const got = installed[pin.name];
  return got?.version === pin.version && got.importError === undefined;
}

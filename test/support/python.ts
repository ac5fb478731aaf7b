// The Python the oracle tests run (Django 5.2, python-dotenv 1.2 — see DESIGN.md): DJANGO_READY_PYTHON, else the
// venv .ci/run makes, else python3.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const VENV_PYTHON = "/opt/djready-venv/bin/python";

/** Where to look, in order of preference. */
export function pythonCandidates(): string[] {
  const fromEnv = process.env["DJANGO_READY_PYTHON"];
  return [...new Set([...(fromEnv ? [fromEnv] : []), ...(existsSync(VENV_PYTHON) ? [VENV_PYTHON] : []), "python3"])];
}

export function oraclePython(): string {
  return pythonCandidates()[0] ?? "python3";
}

/** The first candidate that can import `module`; undefined when none can. */
export function pythonWith(module: string): string | undefined {
  return pythonCandidates().find((python) => spawnSync(python, ["-c", `import ${module}`], { encoding: "utf8" }).status === 0);
}

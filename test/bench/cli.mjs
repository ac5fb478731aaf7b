// The CLI against Ruff's S105–S107 on the same trees, whole process, paired runs; Ruff lives in a venv under .cache/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { median, timeCommand } from "./measure.mjs";

export const RUFF_VERSION = "0.16.9";
const RUFF_ARGS = ["check", "--no-cache", "--select", "S105,S106,S107", "--exit-zero", "--output-format", "concise"];

/** Ruff's path, installed on first use with pip into `<repo>/.cache/ruff/venv`; else why it is absent. */
export function ensureRuff(repoRoot) {
  const venv = join(repoRoot, ".cache/ruff/venv");
  const ruff = join(venv, "bin/ruff");
  const installed = () => spawnSync(ruff, ["--version"], { encoding: "utf8" }).stdout?.trim() === `ruff ${RUFF_VERSION}`;
  if (existsSync(ruff) && installed()) return { ruff };
  mkdirSync(join(repoRoot, ".cache/ruff"), { recursive: true });
  const python = ["python3", "python"].find((candidate) => spawnSync(candidate, ["--version"]).status === 0);
  if (!python) return { why: "no python3 to install Ruff with" };
  if (!existsSync(join(venv, "bin/pip"))) {
    const made = spawnSync(python, ["-m", "venv", venv], { encoding: "utf8" });
    if (made.status !== 0) return { why: `python3 -m venv failed: ${(made.stderr || made.stdout).trim().split("\n").at(-1)}` };
  }
  const pip = spawnSync(join(venv, "bin/pip"), ["install", "--quiet", `ruff==${RUFF_VERSION}`], { encoding: "utf8", timeout: 300_000 });
  if (pip.status !== 0 || !installed()) return { why: `pip install ruff==${RUFF_VERSION} failed: ${(pip.stderr || "").trim().split("\n").at(-1) ?? "no output"}` };
  return { ruff };
}

/** Files under `root`, `.git` left out (what "a repository of N files" counts). */
export function countFiles(root) {
  let count = 0;
  const pending = [root];
  while (pending.length) {
    const dir = pending.pop();
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name !== ".git") pending.push(join(dir, entry.name));
      } else count++;
    }
  }
  return count;
}

/** The checkouts present under the real-world folder, named `owner+repository` (absent is fine; other folders hold results). */
export function realCheckouts(folder) {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^[^.][^+]*\+[^+]+$/.test(entry.name))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/** `runs` alternating runs of the CLI and Ruff on one tree: medians of time and peak RSS, and the ratio. */
export function pairedRuns(cliPath, ruff, root, runs) {
  const cli = [];
  const ruffRuns = [];
  for (let i = 0; i < runs; i++) {
    const run = timeCommand(process.execPath, [cliPath, "check", root, "--fail-on", "never", "--format", "json"], root);
    if (run.error || ![0, 2].includes(run.status)) throw new Error(`CLI check of ${root} failed (${run.status}): ${run.stderr.slice(0, 500)}`);
    cli.push(run);
    if (ruff) ruffRuns.push(timeCommand(ruff, [...RUFF_ARGS, root], root));
  }
  const cliMs = median(cli.map((r) => r.ms));
  const ruffMs = ruff ? median(ruffRuns.map((r) => r.ms)) : null;
  return {
    cliMs,
    cliRssMb: median(cli.map((r) => r.rssMb)),
    ruffMs,
    ruffRssMb: ruff ? median(ruffRuns.map((r) => r.rssMb)) : null,
    ratio: ruffMs ? cliMs / ruffMs : null,
  };
}

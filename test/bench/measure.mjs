// Statistics and process measurements shared by the bench's parts.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const now = () => performance.now();

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

export const median = (values) => stats(values).p50;

/** The high-water mark of a live process's resident memory. */
export function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Runs a command to its end under /usr/bin/time when present (for the peak RSS of a finished process). */
export function timeCommand(command, args, cwd) {
  const withTime = hasGnuTime();
  const argv = withTime ? ["-f", "__RSS_KB=%M", command, ...args] : args;
  const startedAt = now();
  const run = spawnSync(withTime ? "/usr/bin/time" : command, argv, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const ms = now() - startedAt;
  const rss = /__RSS_KB=(\d+)/.exec(run.stderr ?? "");
  return { ms, status: run.status, error: run.error, stderr: (run.stderr ?? "").replace(/__RSS_KB=\d+\n?/, ""), rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

let gnuTime;
function hasGnuTime() {
  gnuTime ??= spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;
  return gnuTime;
}

export function loadAverage() {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    return [];
  }
}

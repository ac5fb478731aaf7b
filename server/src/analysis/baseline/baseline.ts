// The baseline file: today's findings, accepted, so that only new ones fail. Entries are matched by rule,
// file and fingerprint (see fingerprint.ts), as a multiset: a second identical statement is a new finding.
import type { Finding } from "../types";
import { fingerprint } from "./fingerprint";

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = ".django-ready-baseline.json";

export interface BaselineEntry {
  rule: string;
  /** POSIX path relative to the folder holding the baseline file. */
  file: string;
  fingerprint: string;
  /** How many findings the entry stands for (identical statements in one file); 1 when absent. */
  count?: number;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
}

/** A baseline file that is not JSON of the expected shape; the message says what is wrong. */
export class BaselineError extends Error {}

/** A finding with what the baseline knows it by: its file relative to the baseline's folder and its fingerprint. */
export interface KeyedFinding<F extends Finding = Finding> {
  finding: F;
  file: string;
  fingerprint: string;
}

export interface BaselineSplit<F extends Finding = Finding> {
  /** Findings the baseline does not hold: reported as usual. */
  fresh: F[];
  /** Findings the baseline holds: left out of output and exit code (hints in the editor). */
  baselined: F[];
  /** Entries (or parts of a counted entry) that matched no finding: they can be dropped. */
  stale: BaselineEntry[];
}

function entryKey(rule: string, file: string, print: string): string {
  return `${rule}\0${file}\0${print}`;
}

/** Fingerprints findings; `read` gives a file's current text, `fileFor` its path relative to the baseline's folder. */
export function keyFindings<F extends Finding>(
  findings: readonly F[],
  read: (file: string) => string | undefined,
  fileFor: (file: string) => string = (file) => file,
): KeyedFinding<F>[] {
  return findings.map((finding) => ({ finding, file: fileFor(finding.file), fingerprint: fingerprint(finding, read(finding.file)) }));
}

export function buildBaseline(keyed: readonly KeyedFinding[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const { finding, file, fingerprint: print } of keyed) {
    const key = entryKey(finding.rule, file, print);
    const entry = counts.get(key);
    if (entry) entry.count = (entry.count ?? 1) + 1;
    else counts.set(key, { rule: finding.rule, file, fingerprint: print });
  }
  const entries = [...counts.values()].sort(
    (a, b) => compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, entries };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function splitByBaseline<F extends Finding>(keyed: readonly KeyedFinding<F>[], baseline: Baseline): BaselineSplit<F> {
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of baseline.entries) {
    const key = entryKey(entry.rule, entry.file, entry.fingerprint);
    const known = remaining.get(key);
    if (known) known.left += entry.count ?? 1;
    else remaining.set(key, { entry, left: entry.count ?? 1 });
  }
  const fresh: F[] = [];
  const baselined: F[] = [];
  for (const { finding, file, fingerprint: print } of keyed) {
    const slot = remaining.get(entryKey(finding.rule, file, print));
    if (slot && slot.left > 0) {
      slot.left--;
      baselined.push(finding);
    } else {
      fresh.push(finding);
    }
  }
  const stale = [...remaining.values()]
    .filter((slot) => slot.left > 0)
    .map(({ entry, left }) => (left === 1 ? { rule: entry.rule, file: entry.file, fingerprint: entry.fingerprint } : { ...entry, count: left }));
  return { fresh, baselined, stale };
}

export function serializeBaseline(baseline: Baseline): string {
  const entries = baseline.entries.map((entry) => `    ${JSON.stringify(entry)}`);
  const body = entries.length > 0 ? `[\n${entries.join(",\n")}\n  ]` : "[]";
  return `{\n  "version": ${baseline.version},\n  "tool": "django-ready",\n  "entries": ${body}\n}\n`;
}

function isEntry(value: unknown): value is BaselineEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  const count = entry.count;
  return (
    typeof entry.rule === "string" &&
    typeof entry.file === "string" &&
    typeof entry.fingerprint === "string" &&
    (count === undefined || (typeof count === "number" && Number.isInteger(count) && count > 0))
  );
}

/** Throws BaselineError naming what is wrong. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new BaselineError("expected a JSON object with an entries list");
  const { version, entries } = data as Record<string, unknown>;
  if (version !== BASELINE_VERSION) throw new BaselineError(`unsupported version ${JSON.stringify(version)} (this django-ready reads version ${BASELINE_VERSION})`);
  if (!Array.isArray(entries)) throw new BaselineError("entries must be a list");
  const bad = entries.findIndex((entry) => !isEntry(entry));
  if (bad >= 0) throw new BaselineError(`entries[${bad}] must have string rule, file and fingerprint (and a positive whole count)`);
  return { version, entries: entries as BaselineEntry[] };
}

/** One line for the user: how many findings the baseline left out, and which of its entries can go. */
export function describeSplit(split: BaselineSplit, baselineName: string): string[] {
  const lines: string[] = [];
  if (split.baselined.length > 0) lines.push(`${split.baselined.length} finding${split.baselined.length === 1 ? "" : "s"} left out: in the baseline ${baselineName}`);
  if (split.stale.length > 0) {
    lines.push(`${split.stale.length} baseline entr${split.stale.length === 1 ? "y matches" : "ies match"} nothing any more and can be dropped (run django-ready baseline again):`);
    for (const entry of split.stale) lines.push(`  ${entry.file}: ${entry.rule} ${entry.fingerprint}${entry.count ? ` ×${entry.count}` : ""}`);
  }
  return lines;
}

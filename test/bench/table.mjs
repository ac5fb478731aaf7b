// The bench's one table: what was measured, the target (DESIGN.md "Performance targets") and the verdict.
const fmt = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
const verdict = (ok) => (ok === null ? "n/a" : ok ? "met" : "MISSED");
const known = (...values) => values.every((v) => v !== null && v !== undefined && !Number.isNaN(v));

/** Ruff targets: at most Ruff's time on trees of ≥ 2,000 files, within 1.5× below. */
export const BIG_REPO_FILES = 2_000;
const ruffLimit = (files) => (files >= BIG_REPO_FILES ? 1 : 1.5);

function editRows(label, edits, p95Target, p50Target) {
  return ["top", "middle", "end", "paste"].map((where) => {
    const s = edits[where];
    const what = where === "paste" ? "50-line paste/cut near the top" : `one-character edit at the ${where}`;
    const target = p50Target ? `p50 ≤ ${p50Target}, p95 ≤ ${p95Target} ms` : `p95 ≤ ${p95Target} ms`;
    const ok = s.p95 <= p95Target && (!p50Target || s.p50 <= p50Target);
    return [`editor ${label}: ${what}`, `p50 ${fmt(s.p50, 1)}, p95 ${fmt(s.p95, 1)}, max ${fmt(s.max, 1)} ms (n=${s.count})`, target, verdict(ok)];
  });
}

function ruffRow(what, run) {
  const limit = ruffLimit(run.files);
  const measured = run.ruffMs === null
    ? `${fmt(run.cliMs)} ms; Ruff n/a`
    : `${fmt(run.cliMs)} ms vs Ruff ${fmt(run.ruffMs)} ms = ${fmt(run.ratio, 2)}×`;
  return [what, measured, `≤ ${limit === 1 ? "" : "1.5 × "}Ruff`, verdict(run.ratio === null ? null : run.ratio <= limit)];
}

export function table(results, treeFiles) {
  const rows = [
    ...editRows("1,000 lines", results.edits1k, 20, 10),
    ...editRows("10,000 lines", results.edits10k, 100),
    ["first diagnostics after spawn, 2-file workspace", `${fmt(results.smallStart.ms)} ms (median of ${results.smallStart.runs.length})`, "≤ 300 ms", verdict(results.smallStart.ms <= 300)],
    [
      `first diagnostics after spawn, ${treeFiles.toLocaleString("en")}-file workspace`,
      `${fmt(results.bigStart.ms)} ms (median of ${results.bigStart.runs.length}); whole workspace ${fmt(results.bigStart.scanMs)} ms${results.bigStart.progressReported ? ", with $/progress" : ", no $/progress"}`,
      "≤ 1,000 ms",
      verdict(results.bigStart.ms <= 1000),
    ],
    ["server peak RSS, that workspace scanned", `${fmt(results.bigStart.rssMb)} MB`, "≤ 150 MB", verdict(known(results.bigStart.rssMb) ? results.bigStart.rssMb <= 150 : null)],
    ["CLI fixed cost (empty folder)", `${fmt(results.fixedCost.cliMs)} ms (Ruff ${fmt(results.fixedCost.ruffMs)} ms)`, "≤ 150 ms", verdict(results.fixedCost.cliMs <= 150)],
    ruffRow(`CLI vs Ruff S105–S107: ${results.smallTree.name}`, results.smallTree),
    ruffRow(`CLI vs Ruff S105–S107: ${results.bigTree.name}`, results.bigTree),
    ["CLI peak RSS at that tree", `${fmt(results.bigTree.cliRssMb)} MB (Ruff ${fmt(results.bigTree.ruffRssMb)} MB)`, "≤ 150 MB", verdict(known(results.bigTree.cliRssMb) ? results.bigTree.cliRssMb <= 150 : null)],
    ...results.real.map((run) => ruffRow(`CLI vs Ruff S105–S107: ${run.name} (${run.files.toLocaleString("en")} files)`, run)),
  ];
  const header = ["what", "measured", "target", "verdict"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// `npm run bench`: measures the built server and CLI against DESIGN.md "Performance targets" and prints one table.
// Writes test/bench/results.json. Plain JS: it runs after `npm run build`, without tsx.
import { rmSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";
import { countFiles, ensureRuff, pairedRuns, realCheckouts, RUFF_VERSION } from "./cli.mjs";
import { bigTree, emptyFolder, pastedBlock, settingsWorkspace, TOGGLED, toggledLine } from "./inputs.mjs";
import { EditingSession, openDocument, startServer } from "./lsp.mjs";
import { loadAverage, median, stats } from "./measure.mjs";
import { table } from "./table.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const serverPath = join(repoRoot, "dist/server.js");
const cliPath = join(repoRoot, "dist/cli.js");
// Edits toggle a line (typed, then deleted): an even count leaves the module as it was for the next case.
const EDITS = 2 * Math.ceil(Number(process.env.BENCH_EDITS ?? 60) / 2);
const TREE_FILES = Number(process.env.BENCH_TREE_FILES ?? 50_000);
const SMALL_TREE_FILES = 2_000;
const REAL_WORLD = process.env.BENCH_REAL_WORLD ?? "/work/realworld";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const log = (line) => console.log(line);
const fmt = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits));

/** spawn → initialize → didOpen of the settings module → its first publish. */
async function firstDiagnostics(root, settingsPath, { waitForScan = false } = {}) {
  const server = startServer(serverPath, root);
  try {
    await server.initialize();
    const { first } = await openDocument(server, settingsPath);
    const firstMs = first.at - server.spawnedAt;
    if (!waitForScan) return { firstMs };
    const endedAt = await server.waitForScanEnd(120_000);
    return { firstMs, scanMs: endedAt === undefined ? null : endedAt - server.spawnedAt, progressReported: server.progress.begun > 0, rssMb: server.peakRssMb() };
  } finally {
    await server.stop();
  }
}

/** The edit loops on one module: a `#` typed/deleted at the top, middle and end, and a 50-line paste/cut near the top. */
async function editLatency(lines) {
  const root = settingsWorkspace(lines);
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const server = startServer(serverPath, root, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(profileDir, String(lines))}`] : []);
  const out = {};
  try {
    await server.initialize();
    const { uri, text } = await openDocument(server, join(root, "mysite/settings.py"));
    const session = new EditingSession(server, uri, text);
    for (const where of TOGGLED) {
      const line = session.lineOf(`#${toggledLine(where)}`);
      const samples = [];
      for (let i = 0; i < EDITS; i++) samples.push(await session.toggleComment(line));
      out[where] = stats(samples);
    }
    const pasteAt = session.lineOf(`#${toggledLine("top")}`) + 1;
    const samples = [];
    for (let i = 0; i < EDITS; i++) samples.push(await session.togglePaste(pasteAt, pastedBlock()));
    out.paste = stats(samples);
    out.rssMb = server.peakRssMb();
    log(`${lines} lines: ${["top", "middle", "end", "paste"].map((k) => `${k} p50 ${fmt(out[k].p50, 1)} p95 ${fmt(out[k].p95, 1)}`).join("; ")} ms`);
    return out;
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function smallWorkspaceStart() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const root = settingsWorkspace(1000);
    try {
      runs.push((await firstDiagnostics(root, join(root, "mysite/settings.py"))).firstMs);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  log(`first diagnostics, small workspace: ${runs.map((ms) => fmt(ms)).join(", ")} ms`);
  return { ms: median(runs), runs };
}

async function bigWorkspaceStart(root) {
  const settings = join(root, "services/api0/mysite/settings.py");
  const runs = [];
  for (let i = 0; i < RUNS - 1; i++) runs.push((await firstDiagnostics(root, settings)).firstMs);
  const withScan = await firstDiagnostics(root, settings, { waitForScan: true });
  runs.push(withScan.firstMs);
  log(`first diagnostics, ${TREE_FILES} files: ${runs.map((ms) => fmt(ms)).join(", ")} ms; whole scan ${fmt(withScan.scanMs)} ms; peak RSS ${fmt(withScan.rssMb)} MB`);
  return { ms: median(runs), runs, scanMs: withScan.scanMs, progressReported: withScan.progressReported, rssMb: withScan.rssMb };
}

function versusRuff(ruff, name, root, runs) {
  const files = countFiles(root);
  const result = { name, files, ...pairedRuns(cliPath, ruff, root, runs) };
  log(`CLI vs Ruff, ${name} (${files} files): ${fmt(result.cliMs)} ms vs ${fmt(result.ruffMs)} ms; RSS ${fmt(result.cliRssMb)} vs ${fmt(result.ruffRssMb)} MB`);
  return result;
}

async function main() {
  const machine = { nproc: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, cpu: cpus()[0]?.model };
  const loadBefore = loadAverage();
  log(`machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}; load average ${loadBefore.join(" ")}`);
  const ruffFound = ensureRuff(repoRoot);
  log(ruffFound.ruff ? `ruff ${RUFF_VERSION}: ${ruffFound.ruff}` : `Ruff columns n/a: ${ruffFound.why}`);
  const ruff = ruffFound.ruff ?? null;

  const results = { date: new Date().toISOString(), machine, edits: EDITS, ruff: ruffFound.ruff ? RUFF_VERSION : ruffFound.why };
  results.smallStart = await smallWorkspaceStart();
  results.edits1k = await editLatency(1000);
  results.edits10k = await editLatency(10_000);

  const empty = emptyFolder();
  try {
    results.fixedCost = versusRuff(ruff, "empty folder", empty, Math.max(5, RUNS * 2));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const small = bigTree(SMALL_TREE_FILES, 1);
  try {
    results.smallTree = versusRuff(ruff, `generated, ${SMALL_TREE_FILES} files`, small, RUNS);
  } finally {
    rmSync(small, { recursive: true, force: true });
  }
  const big = bigTree(TREE_FILES);
  try {
    results.bigStart = await bigWorkspaceStart(big);
    results.bigTree = versusRuff(ruff, `generated, ${TREE_FILES} files`, big, RUNS);
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
  results.real = realCheckouts(REAL_WORLD).map((root) => versusRuff(ruff, basename(root), root, RUNS));
  if (results.real.length === 0) log(`no real checkouts under ${REAL_WORLD}: only generated trees compared`);

  results.loadAverage = { before: loadBefore, after: loadAverage() };
  writeFileSync(join(repoRoot, "test/bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  log(`\n${table(results, TREE_FILES)}\n\nload average before ${loadBefore.join(" ")}, after ${results.loadAverage.after.join(" ")}; written to test/bench/results.json`);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});

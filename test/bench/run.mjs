// `npm run bench`: measures the built server and CLI against DESIGN.md "Performance targets".
// Prints a table and writes test/bench/results.json. Plain JS: it runs after `npm run build`, without tsx.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require("vscode-languageserver/node");

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const serverPath = join(repoRoot, "dist/server.js");
const cliPath = join(repoRoot, "dist/cli.js");
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const TREE_FILES = Number(process.env.BENCH_TREE_FILES ?? 20_000);
const EDIT_TIMEOUT_MS = 10_000;

// ---------- generated inputs ----------

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

/** A realistic settings module of about `lines` lines: core settings, dicts, env lookups, literals. */
function settingsModule(lines) {
  const out = [
    "import os",
    "from pathlib import Path",
    "",
    "BASE_DIR = Path(__file__).resolve().parent.parent",
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"',
    'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")',
    'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.staticfiles"]',
    'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
    'ROOT_URLCONF = "mysite.urls"',
    "DATABASES = {",
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    '        "NAME": os.environ.get("DB_NAME", "app"),',
    '        "PASSWORD": os.environ.get("DB_PASSWORD"),',
    "    },",
    "}",
  ];
  for (let i = 0; out.length < lines - 1; i++) {
    switch (i % 5) {
      case 0:
        out.push(`FEATURE_${i} = os.environ.get("FEATURE_${i}", "value-${i}")`);
        break;
      case 1:
        out.push(`LIMIT_${i} = ${i * 7}`);
        break;
      case 2:
        out.push(`SERVICE_${i} = {`, `    "URL": os.getenv("SERVICE_${i}_URL", "https://svc-${i}.internal"),`, `    "TIMEOUT": ${i % 30},`, `    "RETRIES": [1, 2, 3],`, "}");
        break;
      case 3:
        out.push(`# Section ${i}: tuning knobs read from the environment`);
        break;
      default:
        out.push(`FLAG_${i} = ${i % 2 === 0 ? "True" : "False"}`);
    }
  }
  out.push('EDITED_LINE = "0"');
  return out.slice(0, lines - 1).concat(out.at(-1)).join("\n") + "\n";
}

function writeFiles(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function settingsWorkspace(lines) {
  const root = mkdtempSync(join(tmpdir(), `django-ready-bench-${lines}-`));
  writeFiles(root, { "manage.py": MANAGE, "mysite/__init__.py": "", "mysite/settings.py": settingsModule(lines) });
  return root;
}

/** `count` files: a few Django projects, the rest front-end sources, docs and data, as a monorepo has them. */
function bigTree(count) {
  const root = mkdtempSync(join(tmpdir(), "django-ready-bench-tree-"));
  const files = {};
  for (let p = 0; p < 5; p++) {
    Object.assign(files, {
      [`services/api${p}/manage.py`]: MANAGE,
      [`services/api${p}/mysite/__init__.py`]: "",
      [`services/api${p}/mysite/settings.py`]: settingsModule(300),
      [`services/api${p}/.env`]: `DJANGO_SECRET_KEY=dev-only\nDJANGO_DEBUG=1\n`,
      [`services/api${p}/app${p}/models.py`]: "from django.db import models\n\nclass Item(models.Model):\n    name = models.CharField(max_length=50)\n",
    });
  }
  const kinds = [
    ["js", (i) => `export function f${i}(x) { return x + ${i}; }\n`],
    ["md", (i) => `# Note ${i}\n\nSome prose.\n`],
    ["json", (i) => `{"id": ${i}, "tags": ["a", "b"]}\n`],
    ["css", (i) => `.c${i} { color: #${(i % 4096).toString(16).padStart(3, "0")}; }\n`],
    ["py", (i) => `def helper_${i}():\n    return ${i}\n`],
  ];
  for (let i = 0; Object.keys(files).length < count; i++) {
    const [ext, body] = kinds[i % kinds.length];
    files[`frontend/pkg${i % 40}/dir${i % 23}/file${i}.${ext}`] = body(i);
  }
  writeFiles(root, files);
  return root;
}

// ---------- measuring ----------

const now = () => performance.now();

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** A spawned server with a diagnostics waiter: resolves on the next publish for `uri` (at `version` when the server says). */
function startServer(root, extraArgs = []) {
  const spawnedAt = now();
  const child = spawn(process.execPath, [...extraArgs, serverPath, "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    const at = now();
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && (params.version === undefined || waiter.version === undefined || params.version >= waiter.version)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve({ at, params });
      }
    }
  });
  for (const method of ["workspace/configuration", "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create"]) {
    connection.onRequest(method, (params) => (method === "workspace/configuration" ? params.items.map(() => ({})) : null));
  }
  connection.listen();
  const waitForDiagnostics = (uri, version) =>
    new Promise((resolvePromise, reject) => {
      const waiter = { uri, version, resolve: resolvePromise };
      waiters.push(waiter);
      setTimeout(() => {
        if (waiters.includes(waiter)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no diagnostics for ${uri} v${version} within ${EDIT_TIMEOUT_MS} ms; stderr: ${stderr.slice(-500)}`));
        }
      }, EDIT_TIMEOUT_MS);
    });
  const initialize = async () => {
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "bench" }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: {} },
      },
    });
    await connection.sendNotification("initialized", {});
  };
  const stop = async () => {
    try {
      await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification("exit");
    } catch {
      // already gone
    }
    connection.dispose();
    setTimeout(() => child.exitCode === null && child.kill(), 1000).unref();
  };
  return { child, connection, spawnedAt, initialize, waitForDiagnostics, stop, stderr: () => stderr };
}

async function openSettings(server, root) {
  const path = join(root, "mysite/settings.py");
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, "utf8");
  const pending = server.waitForDiagnostics(uri, 1);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
  return { uri, text, first: await pending };
}

async function coldStart() {
  const root = settingsWorkspace(1000);
  const server = startServer(root);
  try {
    await server.initialize();
    const { first } = await openSettings(server, root);
    return first.at - server.spawnedAt;
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * `EDITS` incremental edits of the last line, each awaited until its diagnostics arrive. The server publishes only
 * diagnostics that changed, so the line alternates between a harmless setting and `DEBUG = True` (a finding).
 */
async function editLatency(lines, cpuProfileDir) {
  const root = settingsWorkspace(lines);
  const server = startServer(root, cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : []);
  const samples = [];
  try {
    await server.initialize();
    const { uri, text } = await openSettings(server, root);
    const lastLine = text.split("\n").length - 2;
    let current = 'EDITED_LINE = "0"';
    for (let i = 1; i <= EDITS; i++) {
      const next = i % 2 === 1 ? "DEBUG = True" : `EDITED_LINE = "${i}"`;
      const version = i + 1;
      const pending = server.waitForDiagnostics(uri, version);
      const sentAt = now();
      await server.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: current.length } }, text: next }],
      });
      const { at } = await pending;
      samples.push(at - sentAt);
      current = next;
    }
    return { ...stats(samples), rssMb: peakRssMb(server.child.pid) };
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function timeCommand(command, args, cwd) {
  const startedAt = now();
  const run = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { ms: now() - startedAt, status: run.status, error: run.error, stderr: run.stderr };
}

function median(values) {
  return stats(values).p50;
}

function treeScan(root) {
  const rg = timeCommand("rg", ["--version"], root);
  const cliRuns = [];
  const rgRuns = [];
  for (let i = 0; i < 3; i++) {
    const cli = timeCommand(process.execPath, [cliPath, "check", root, "--fail-on", "never", "--format", "json"], root);
    if (cli.status !== 0) throw new Error(`CLI check failed (${cli.status}): ${cli.stderr.slice(0, 500)}`);
    cliRuns.push(cli.ms);
    if (!rg.error) rgRuns.push(timeCommand("rg", ["--files"], root).ms);
  }
  return { cliMs: median(cliRuns), rgMs: rg.error ? null : median(rgRuns), rgMissing: !!rg.error };
}

async function treeMemory(root) {
  const server = startServer(root);
  try {
    await server.initialize();
    const settings = join(root, "services/api0/mysite/settings.py");
    const uri = pathToFileURL(settings).href;
    const pending = server.waitForDiagnostics(uri, 1);
    await server.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "python", version: 1, text: readFileSync(settings, "utf8") },
    });
    await pending;
    // Let a background workspace scan (if any) run before reading the high-water mark.
    await new Promise((r) => setTimeout(r, 3000));
    return peakRssMb(server.child.pid);
  } finally {
    await server.stop();
  }
}

// ---------- report ----------

const fmt = (value, digits = 1) => (value === null || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
const verdict = (ok) => (ok === null ? "n/a" : ok ? "met" : "MISSED");

function table(results) {
  const rows = [
    ["didChange→diagnostics, 1,000 lines", `p50 ${fmt(results.edits1k.p50)} ms, p95 ${fmt(results.edits1k.p95)} ms, max ${fmt(results.edits1k.max)} ms (n=${results.edits1k.count})`, "p50 ≤ 10, p95 ≤ 20 ms", verdict(results.edits1k.p50 <= 10 && results.edits1k.p95 <= 20)],
    ["didChange→diagnostics, 10,000 lines", `p50 ${fmt(results.edits10k.p50)} ms, p95 ${fmt(results.edits10k.p95)} ms, max ${fmt(results.edits10k.max)} ms (n=${results.edits10k.count})`, "p95 ≤ 100 ms", verdict(results.edits10k.p95 <= 100)],
    ["server start → first diagnostics", `${fmt(results.coldStartMs)} ms (median of 3)`, "≤ 300 ms", verdict(results.coldStartMs <= 300)],
    [`CLI check, ${results.tree.files} files`, results.tree.rgMissing ? `${fmt(results.tree.cliMs)} ms; rg missing` : `${fmt(results.tree.cliMs)} ms vs rg --files ${fmt(results.tree.rgMs)} ms = ${fmt(results.tree.ratio, 2)}×`, "≤ 1.5 × rg --files", verdict(results.tree.rgMissing ? null : results.tree.ratio <= 1.5)],
    ["server peak RSS on that tree", `${fmt(results.treeRssMb)} MB (VmHWM)`, "≤ 100 MB", verdict(results.treeRssMb <= 100)],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ["what", "measured", "target", "verdict"][c].length));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  return [line(["what", "measured", "target", "verdict"]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main() {
  const machine = { nproc: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, cpu: cpus()[0]?.model };
  console.log(`machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}`);
  const coldRuns = [];
  for (let i = 0; i < 3; i++) coldRuns.push(await coldStart());
  console.log(`cold start: ${coldRuns.map((ms) => ms.toFixed(0)).join(", ")} ms`);
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const edits1k = await editLatency(1000, profileDir && join(profileDir, "1k"));
  console.log(`1,000 lines: p50 ${fmt(edits1k.p50)} p95 ${fmt(edits1k.p95)} max ${fmt(edits1k.max)} ms`);
  const edits10k = await editLatency(10_000, profileDir && join(profileDir, "10k"));
  console.log(`10,000 lines: p50 ${fmt(edits10k.p50)} p95 ${fmt(edits10k.p95)} max ${fmt(edits10k.max)} ms`);
  const treeRoot = bigTree(TREE_FILES);
  let tree;
  let treeRssMb;
  try {
    const scan = treeScan(treeRoot);
    tree = { files: TREE_FILES, ...scan, ratio: scan.rgMs ? scan.cliMs / scan.rgMs : null };
    console.log(`tree: CLI ${fmt(scan.cliMs)} ms, rg ${scan.rgMissing ? "missing (apt-get install ripgrep)" : `${fmt(scan.rgMs)} ms`}`);
    treeRssMb = await treeMemory(treeRoot);
  } finally {
    rmSync(treeRoot, { recursive: true, force: true });
  }
  const results = { date: new Date().toISOString(), machine, edits: EDITS, coldStartMs: median(coldRuns), coldStartRuns: coldRuns, edits1k, edits10k, tree, treeRssMb };
  writeFileSync(join(repoRoot, "test/bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table(results)}\n\nwritten to test/bench/results.json`);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});

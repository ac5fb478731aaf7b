// Fuzzes the core with random and mutated settings modules and env files (seeded; FUZZ_SEED reproduces a run,
// FUZZ_CASE=<index> runs one case, FUZZ_CASES=<n> changes how many). Failures are shrunk and saved under the temp dir.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import type { FileMap } from "../support/memory";
import { buildCase } from "../support/fuzz/cases";
import { loadSeedProjects } from "../support/fuzz/corpus";
import { lineLengths, rangeProblem } from "../support/fuzz/invariants";
import type { FromWorker, WorkerInput } from "../support/fuzz/protocol";
import { seedFromEnvironment } from "../support/fuzz/random";

const seed = seedFromEnvironment();
const caseCount = Number(process.env.FUZZ_CASES ?? 200);
const onlyCase = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
/** The one timed bound, per call into the core (parse one file, analyse the project, check the fixes): a hang, not slowness. */
const CASE_HANG_BOUND_MS = 2000;
/** Loading tree-sitter's wasm in a fresh worker. */
const WORKER_START_BOUND_MS = 20_000;
/** No new case starts after this (the file must stay well under a minute on 2 cores); the seed still reproduces each case. */
const RUN_BUDGET_MS = 40_000;
/** Enough failures to report; more would only make the run slower. */
const MAX_FAILURES = 8;
const workerPath = join(__dirname, "../support/fuzz/worker.ts");

console.log(`fuzz seed ${seed} — reproduce: FUZZ_SEED=${seed} node --test --import tsx test/unit/fuzz.test.ts`);

interface Failure {
  index: number;
  description: string;
  violations: string[];
  saved: string;
}

interface RunSummary {
  passed: number;
  findings: number;
  fixes: number;
  slowest: { index: number; milliseconds: number; description: string };
  failures: Failure[];
  stoppedEarly?: string;
}

function saveFailure(index: number, files: FileMap, violations: string[], description: string): string {
  const folder = join(tmpdir(), "django-ready-fuzz", `seed-${seed}-case-${index}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, "project", path)), { recursive: true });
    writeFileSync(join(folder, "project", path), text);
  }
  writeFileSync(join(folder, "failure.txt"), `FUZZ_SEED=${seed} FUZZ_CASE=${index}\n${description}\n\n${violations.join("\n")}\n`);
  return folder;
}

function startWorker(input: WorkerInput): Worker {
  const source = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(workerPath)});`;
  return new Worker(source, { eval: true, workerData: input });
}

/** Runs `indexes` in one worker; resolves with the indexes it did not reach when a case hung or the worker died. */
function runBatch(indexes: number[], summary: RunSummary, deadline: number): Promise<number[]> {
  return new Promise((resolve) => {
    const worker = startWorker({ seed, indexes });
    let current: number | undefined;
    let phase = "start";
    let timer = setTimeout(() => stop("the worker did not start"), WORKER_START_BOUND_MS);
    const remainingAfter = (index: number | undefined) => (index === undefined ? [] : indexes.slice(indexes.indexOf(index) + 1));
    const stop = (why: string) => {
      clearTimeout(timer);
      void worker.terminate();
      if (current === undefined) {
        summary.failures.push({ index: -1, description: "worker", violations: [why], saved: "" });
        resolve([]);
        return;
      }
      const fuzzCase = buildCase(seed, current, loadSeedProjects());
      const violations = [`${why} (case ${current}, phase ${phase})`];
      const saved = saveFailure(current, fuzzCase.files, violations, fuzzCase.description);
      summary.failures.push({ index: current, description: fuzzCase.description, violations, saved });
      resolve(remainingAfter(current));
    };
    const stopEarlyIfDue = (index: number) => {
      const why = performance.now() > deadline ? "time budget spent" : summary.failures.length >= MAX_FAILURES ? "enough failures" : undefined;
      if (why === undefined || index === indexes.at(-1)) return;
      summary.stoppedEarly = `${why} after case ${index}`;
      void worker.terminate();
      resolve([]);
    };
    const onMessage = (message: FromWorker) => {
      clearTimeout(timer);
      if (message.type === "start" || message.type === "phase") {
        current = message.index;
        phase = message.type === "phase" ? message.phase : "build case";
        timer = setTimeout(() => stop(`no result within ${CASE_HANG_BOUND_MS} ms: hang`), CASE_HANG_BOUND_MS);
      } else if (message.type === "passed") {
        summary.passed++;
        summary.findings += message.findings;
        summary.fixes += message.fixes;
        if (message.milliseconds > summary.slowest.milliseconds) summary.slowest = message;
        stopEarlyIfDue(message.index);
      } else if (message.type === "failed") {
        // Shrinking can take a while; it is not the case's own running time.
        const saved = saveFailure(message.index, message.minimalFiles, message.violations, message.description);
        summary.failures.push({ index: message.index, description: message.description, violations: message.violations, saved });
        stopEarlyIfDue(message.index);
      } else if (message.type === "finished") {
        void worker.terminate();
        resolve([]);
      }
    };
    worker.on("message", onMessage);
    worker.on("error", (error) => stop(`worker error: ${error.stack ?? error.message}`));
  });
}

async function runAll(indexes: number[]): Promise<RunSummary> {
  const summary: RunSummary = { passed: 0, findings: 0, fixes: 0, slowest: { index: -1, milliseconds: 0, description: "" }, failures: [] };
  const deadline = performance.now() + RUN_BUDGET_MS;
  for (let remaining = indexes; remaining.length > 0; ) remaining = await runBatch(remaining, summary, deadline);
  return summary;
}

function report(failures: readonly Failure[]): string {
  return failures
    .map((f) => `case ${f.index} (${f.description}) → saved in ${f.saved}\n  ${f.violations.slice(0, 5).join("\n  ")}`)
    .join("\n\n");
}

test("the range checker itself rejects positions outside the document", () => {
  const text = "ab\r\ncd\ref\n";
  assert.deepEqual(lineLengths(text), [2, 2, 2, 0]);
  assert.equal(rangeProblem({ start: { line: 2, column: 0 }, end: { line: 3, column: 0 } }, text), undefined);
  assert.match(rangeProblem({ start: { line: 0, column: 3 }, end: { line: 0, column: 3 } }, text) ?? "", /column 3 > length 2/);
  assert.match(rangeProblem({ start: { line: 4, column: 0 }, end: { line: 4, column: 0 } }, text) ?? "", /line 4 ≥ line count 4/);
  assert.match(rangeProblem({ start: { line: 1, column: 1 }, end: { line: 1, column: 0 } }, text) ?? "", /start is after end/);
});

test("cases are a pure function of the seed and the index", () => {
  const seeds = loadSeedProjects();
  assert.ok(seeds.length > 0, "no seed projects found");
  assert.deepEqual(buildCase(seed, 7, seeds), buildCase(seed, 7, seeds));
});

test(`the core survives ${onlyCase === undefined ? caseCount : 1} fuzzed projects (seed ${seed})`, async (t) => {
  const indexes = onlyCase === undefined ? Array.from({ length: caseCount }, (_, i) => i) : [onlyCase];
  const summary = await runAll(indexes);
  t.diagnostic(`seed ${seed}: ${summary.passed} passed, ${summary.failures.length} failed; ${summary.findings} findings, ${summary.fixes} fixes checked`);
  if (summary.stoppedEarly) t.diagnostic(`stopped early: ${summary.stoppedEarly}`);
  t.diagnostic(`slowest case ${summary.slowest.index}: ${summary.slowest.milliseconds.toFixed(0)} ms (${summary.slowest.description})`);
  assert.deepEqual(summary.failures, [], `FUZZ_SEED=${seed}\n${report(summary.failures)}`);
  assert.ok(summary.findings > 0, "the fuzzed projects produced no findings at all: the invariants were never exercised");
});

// Runs fuzz cases in a worker thread, so the test's watchdog can stop a case that hangs (terminate works mid-loop).
import { parentPort, workerData } from "node:worker_threads";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { buildCase } from "./cases";
import { loadSeedProjects } from "./corpus";
import { checkCase } from "./invariants";
import { shrinkCase } from "./shrink";
import type { FromWorker, WorkerInput } from "./protocol";

/** Shrinking is slow on big inputs: the first few failures are enough to report. */
const SHRUNK_FAILURES = 3;

function send(message: FromWorker): void {
  parentPort?.postMessage(message);
}

async function main(input: WorkerInput): Promise<void> {
  await initAnalysisFromDisk();
  const seeds = loadSeedProjects();
  send({ type: "ready" });
  let failures = 0;
  for (const index of input.indexes) {
    send({ type: "start", index });
    const started = performance.now();
    const fuzzCase = buildCase(input.seed, index, seeds);
    const { violations, findings, fixes } = checkCase(fuzzCase.files, fuzzCase.target, (phase) => send({ type: "phase", index, phase }));
    const milliseconds = performance.now() - started;
    if (violations.length === 0) {
      send({ type: "passed", index, milliseconds, findings, fixes, description: fuzzCase.description });
      continue;
    }
    failures++;
    const minimal = failures <= SHRUNK_FAILURES ? shrinkCase(fuzzCase.files, fuzzCase.target) : { files: fuzzCase.files, violations };
    send({ type: "failed", index, description: fuzzCase.description, target: fuzzCase.target, violations: minimal.violations, minimalFiles: minimal.files });
  }
  send({ type: "finished" });
}

void main(workerData as WorkerInput);

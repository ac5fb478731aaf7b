// Messages between the fuzz test and its worker.
import type { FileMap } from "../memory";
import type { Phase } from "./invariants";

export interface WorkerInput {
  seed: number;
  indexes: number[];
}

export type FromWorker =
  | { type: "ready" }
  | { type: "start"; index: number }
  | { type: "phase"; index: number; phase: Phase }
  | { type: "passed"; index: number; milliseconds: number; findings: number; fixes: number; description: string }
  | { type: "failed"; index: number; description: string; target: string; violations: string[]; minimalFiles: FileMap }
  | { type: "finished" };

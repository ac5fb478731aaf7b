// Shrinks a failing case to a small input that fails the same way, so a crash can be reported as a minimal input.
import type { FileMap } from "../memory";
import { checkCase } from "./invariants";

/** A violation with its numbers removed: "the same failure" survives shrinking even when positions move. */
function signature(violation: string): string {
  return violation.split("\n")[0].replace(/\d+/g, "N");
}

/** Bounded by attempts and by time: a shrunk case only makes the report shorter, it decides nothing. */
export function shrinkCase(files: FileMap, target: string, maxAttempts = 400, budgetMs = 3000): { files: FileMap; violations: string[] } {
  const wanted = signature(checkCase(files, target).violations[0] ?? "");
  const deadline = performance.now() + budgetMs;
  let attempts = 0;
  const stillFails = (candidate: FileMap): string[] | undefined => {
    attempts++;
    if (performance.now() > deadline) attempts = maxAttempts;
    const { violations } = checkCase(candidate, target);
    return violations.some((v) => signature(v) === wanted) ? violations : undefined;
  };
  let current = { ...files };
  let violations = checkCase(current, target).violations;
  for (const other of Object.keys(current).filter((path) => path !== target)) {
    if (attempts >= maxAttempts) break;
    const { [other]: _dropped, ...without } = current;
    const result = stillFails(without);
    if (result) [current, violations] = [without, result];
  }
  for (let chunk = Math.ceil((current[target] ?? "").length / 2); chunk >= 1 && attempts < maxAttempts; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < (current[target] ?? "").length && attempts < maxAttempts; ) {
      const text = current[target] ?? "";
      const candidate = { ...current, [target]: text.slice(0, start) + text.slice(start + chunk) };
      const result = stillFails(candidate);
      if (result) [current, violations] = [candidate, result];
      else start += chunk;
    }
  }
  return { files: current, violations };
}

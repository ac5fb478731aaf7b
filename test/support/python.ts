// The Python the oracle tests run: DJANGO_READY_PYTHON, else the venv `npm test` provisions in .cache/oracles
// (test/support/oracles). Never a python3 that happens to be on the PATH. Versions are checked explicitly: a
// Python whose Django, python-dotenv, django-environ or python-decouple is not the pinned release is not used,
// and the test says `skipped: <why>`.
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { pinOf, type PinName, readState, repoRoot, venvPython } from "./oracles/pins";
import { type Probe, probe } from "./oracles/probe";

export type OracleLookup = { ok: true; python: string } | { ok: false; skip: string };

const probes = new Map<string, Probe>();

function probed(python: string): Probe {
  const known = probes.get(python);
  if (known) return known;
  const fresh = probe(python);
  probes.set(python, fresh);
  return fresh;
}

/** DJANGO_READY_PYTHON, else the provisioned venv; why there is none otherwise. */
function oracleInterpreter(): { python: string } | { why: string } {
  const configured = process.env.DJANGO_READY_PYTHON;
  if (configured) return { python: configured };
  if (existsSync(venvPython)) return { python: venvPython };
  const where = relative(repoRoot, venvPython);
  const state = readState();
  const reason = state ? Object.values(state.missing)[0] : undefined;
  return { why: reason ? `${where} could not be built: ${reason}` : `no ${where} (npm test provisions it; or set DJANGO_READY_PYTHON)` };
}

/** Why `python` is not the oracle for `name`, or undefined when it has exactly the pinned release. */
function mismatch(python: string, name: PinName): string | undefined {
  const pin = pinOf(name);
  const answer = probed(python);
  if (!answer.ok) return answer.error;
  const got = answer.installed[name];
  const recorded = python === venvPython ? readState()?.missing[name] : undefined;
  const because = recorded ? ` (provisioning: ${recorded})` : "";
  if (got?.version === undefined) return `${python} has no ${name}; the oracle tests pin ${pin.version}${because}`;
  if (got.version !== pin.version) return `${python} has ${name} ${got.version}; the oracle tests pin ${pin.version}${because}`;
  if (got.importError) return `${python} cannot import ${pin.module}: ${got.importError}`;
  return undefined;
}

/** The oracle Python when it has every named package at its pinned release; otherwise the skip reason. */
export function oraclePython(...names: PinName[]): OracleLookup {
  const found = oracleInterpreter();
  if ("why" in found) return { ok: false, skip: `skipped: ${found.why}` };
  const answer = probed(found.python);
  if (!answer.ok) return { ok: false, skip: `skipped: ${answer.error}` };
  const reasons = names.map((name) => mismatch(found.python, name)).filter((why): why is string => why !== undefined);
  return reasons.length ? { ok: false, skip: `skipped: ${reasons.join("; ")}` } : { ok: true, python: found.python };
}

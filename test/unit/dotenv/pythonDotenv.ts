// The real python-dotenv as a test oracle: one Python process reads a batch of files.
import { spawnSync } from "node:child_process";
import { oraclePython } from "../../support/python";

export type DotenvValues = Array<[string, string | null]>;

export interface OracleAnswer {
  /** `dotenv_values(path, interpolate=False)` and the lines its warnings named, per file. */
  raw: Array<{ values: DotenvValues; warned: number[] }>;
  /** `dotenv_values(path)` (interpolation on), per file. */
  interpolated: DotenvValues[];
}

export interface Oracle {
  python: string;
  read(request: { raw: string[]; interpolated: string[] }): OracleAnswer;
}

const SCRIPT = `
import json, logging, sys
from dotenv import dotenv_values

class Warned(logging.Handler):
    lines = []
    def emit(self, record):
        if record.msg.startswith("python-dotenv could not parse statement"):
            self.lines.append(record.args[0])

warned = Warned()
logger = logging.getLogger("dotenv.main")
logger.addHandler(warned)
logger.propagate = False
request = json.load(sys.stdin)
answer = {"raw": [], "interpolated": []}
for path in request["raw"]:
    warned.lines = []
    values = dotenv_values(path, interpolate=False, encoding="utf-8")
    answer["raw"].append({"values": list(values.items()), "warned": warned.lines})
for path in request["interpolated"]:
    answer["interpolated"].append(list(dotenv_values(path, encoding="utf-8").items()))
json.dump(answer, sys.stdout)
`;

/** The pinned python-dotenv (test/support/oracles), or why the tests that need it skip. */
export function findOracle(): Oracle | string {
  const found = oraclePython("python-dotenv");
  if (!found.ok) return found.skip;
  return { python: found.python, read: (request) => run(found.python, request) };
}

function run(python: string, request: { raw: string[]; interpolated: string[] }): OracleAnswer {
  const result = spawnSync(python, ["-c", SCRIPT], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python-dotenv oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as OracleAnswer;
}

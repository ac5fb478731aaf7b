// The real python-dotenv as a test oracle: one Python process reads a batch of files.
import { spawnSync } from "node:child_process";
import { pythonCandidates } from "../../support/python";

export type DotenvValues = Array<[string, string | null]>;

export interface OracleAnswer {
  /** `dotenv_values(path, interpolate=False)` and the lines its warnings named, per file. */
  raw: Array<{ values: DotenvValues; warned: number[] }>;
  /** `dotenv_values(path)` (interpolation on), per file. */
  interpolated: DotenvValues[];
}

export interface Oracle {
  python: string;
  version: string;
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

const VERSION_SCRIPT = `import importlib.metadata as m; print(m.version("python-dotenv"))`;

const candidates = pythonCandidates;

function dotenvVersion(python: string): string | undefined {
  const result = spawnSync(python, ["-c", VERSION_SCRIPT], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The first Python with python-dotenv 1.2 or newer, else the first with any python-dotenv. */
export function findOracle(): Oracle | undefined {
  const found = [...new Set(candidates())].flatMap((python) => {
    const version = dotenvVersion(python);
    return version === undefined ? [] : [{ python, version }];
  });
  const best = found.find((f) => isSupportedVersion(f.version)) ?? found[0];
  if (best === undefined) return undefined;
  return { ...best, read: (request) => run(best.python, request) };
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

/** True for python-dotenv 1.2 or newer, the grammar the parser reproduces. */
export function isSupportedVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 2);
}

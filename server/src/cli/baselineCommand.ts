// `django-ready baseline [PATH] [--output FILE]`: accept today's findings by writing them to a baseline file.
import { join, relative, resolve } from "node:path";
import { DEFAULT_BASELINE_FILE } from "../analysis/baseline/baseline";
import type { BaselineOptions } from "./args";
import { writeBaselineFile } from "./baseline";
import { analyseTarget, type CliIo } from "./check";
import { ConfigError } from "./config";
import { singleTarget } from "./targets";

/** `django-ready baseline [PATH] [--output FILE]`: exit 0 when written, 2 otherwise. */
export async function runBaseline(options: BaselineOptions, io: CliIo): Promise<number> {
  const target = singleTarget(options.path, io);
  if (!target) return 2;
  const output = options.output !== undefined ? resolve(io.cwd, options.output) : join(target.root, DEFAULT_BASELINE_FILE);
  try {
    const { findings, read, skipped } = await analyseTarget(target, { production: [], exclude: [] });
    const baseline = writeBaselineFile(findings, target.root, read, output);
    io.stderr(`django-ready: wrote ${findings.length} finding${findings.length === 1 ? "" : "s"} (${baseline.entries.length} entries) to ${relative(io.cwd, output) || output}\n`);
    for (const s of skipped) io.stderr(`django-ready: skipped ${s.file}: ${s.reason} (its findings are not in the baseline)\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`django-ready: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && "code" in error) {
      io.stderr(`django-ready: cannot write ${output}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

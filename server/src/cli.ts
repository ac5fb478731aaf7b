// The `django-ready` command: parse the command line, run the command, map every outcome to an exit code.
import { parseInvocation, UsageError, type Invocation } from "./cli/args";
import { runBaseline } from "./cli/baselineCommand";
import { runCheck, type CliIo } from "./cli/check";
import { commandHelp, programHelp } from "./cli/help";
import { runHistory } from "./cli/history";
import { runReport } from "./cli/report";
import { VERSION } from "./cli/version";
import { setShortcuts } from "./analysis/shortcuts";

async function run(invocation: Invocation, io: CliIo): Promise<number> {
  switch (invocation.kind) {
    case "help":
      io.stdout(invocation.command ? commandHelp(invocation.command) : programHelp());
      return 0;
    case "version":
      io.stdout(`${io.version}\n`);
      return 0;
    case "check":
      return runCheck(invocation.options, io);
    case "report":
      return runReport(invocation.options, io);
    case "baseline":
      return runBaseline(invocation.options, io);
    case "history":
      return runHistory(invocation.options, io);
  }
}

/** Never throws: usage errors and unexpected failures become one line on stderr and exit code 2. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(parseInvocation(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `django-ready ${error.command} --help` : "django-ready --help";
      io.stderr(`django-ready: ${error.message}\nRun '${help}' for usage.\n`);
    } else {
      io.stderr(`django-ready: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    version: VERSION,
  };
}

/** The command as the process runs it: arguments from argv, the exit code set on the process. */
export function runFromProcess(): Promise<number> {
  // Only for the test that proves the analysis's shortcuts change no finding (analysis/shortcuts.ts).
  if (process.env.DJANGO_READY_NO_SHORTCUTS === "1") setShortcuts(false);
  // A closed pipe (`django-ready check | head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
    return code;
  });
}

if (require.main === module) void runFromProcess();

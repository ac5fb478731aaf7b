// The command line's grammar: commands, their options (the same table feeds --help), and parsing.
import { parseArgs } from "node:util";

export const CHECK_FORMATS = ["text", "json", "sarif"] as const;
export const REPORT_FORMATS = ["markdown", "html", "json"] as const;
export const FAIL_ON_LEVELS = ["error", "warning", "information", "never"] as const;

export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
export const HISTORY_FORMATS = ["text", "json", "sarif"] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];
export type CommandName = "check" | "report" | "baseline" | "history";
const COMMAND_NAMES: readonly CommandName[] = ["check", "report", "baseline", "history"];

export interface OptionSpec {
  name: string;
  short?: string;
  /** Placeholder of the option's value in help; options without one are flags. */
  value?: string;
  multiple?: boolean;
  choices?: readonly string[];
  default?: string;
  description: string;
}

export interface CommandSpec {
  name: CommandName;
  usage: string;
  summary: string;
  options: readonly OptionSpec[];
}

const helpOption: OptionSpec = { name: "help", short: "h", description: "show this help and exit" };

export const programOptions: readonly OptionSpec[] = [
  helpOption,
  { name: "version", description: "print the version and exit" },
];

export const commands: Record<CommandName, CommandSpec> = {
  check: {
    name: "check",
    usage: "django-ready check [PATH...] [options]",
    summary: "report what stands between the project and a safe production deployment",
    options: [
      { name: "format", value: "FORMAT", choices: CHECK_FORMATS, default: "text", description: "output format" },
      { name: "fix", description: "apply every safe fix to the files, then report what remains" },
      {
        name: "production",
        value: "MODULE",
        multiple: true,
        description:
          "a settings module deployed to production (dotted name or path); repeatable; replaces production-settings of pyproject.toml; one that matches no settings module is a usage error (exit 2) naming the modules found",
      },
      {
        name: "fail-on",
        value: "LEVEL",
        choices: FAIL_ON_LEVELS,
        default: "error",
        description: "exit 1 when a finding has this severity or a higher one",
      },
      {
        name: "exclude",
        value: "GLOB",
        multiple: true,
        description: "leave out files and folders matching this gitignore-style glob (relative to the root); repeatable; adds to exclude of pyproject.toml",
      },
      {
        name: "baseline",
        value: "FILE",
        description: "leave out the findings this baseline file (written by `django-ready baseline`) holds; replaces baseline of pyproject.toml",
      },
      helpOption,
    ],
  },
  report: {
    name: "report",
    usage: "django-ready report [PATH] [options]",
    summary: "print the readiness report: the five practices, deploy checks and env files, per Django project",
    options: [
      { name: "format", value: "FORMAT", choices: REPORT_FORMATS, default: "markdown", description: "output format" },
      { name: "history", description: "add a line for the secrets in the project's git history (see django-ready history)" },
      helpOption,
    ],
  },
  baseline: {
    name: "baseline",
    usage: "django-ready baseline [PATH] [options]",
    summary: "accept today's findings: write them to a baseline file, so that check fails only on new ones",
    options: [
      { name: "output", short: "o", value: "FILE", default: ".django-ready-baseline.json in PATH", description: "the baseline file to write" },
      helpOption,
    ],
  },
  history: {
    name: "history",
    usage: "django-ready history [PATH] [options]",
    summary: "find the secrets of settings modules and env files in every reachable git commit",
    options: [
      { name: "since", value: "REF", description: "only commits not reachable from REF (a branch, tag or commit)" },
      { name: "format", value: "FORMAT", choices: HISTORY_FORMATS, default: "text", description: "output format" },
      helpOption,
    ],
  },
};

export interface CheckOptions {
  paths: string[];
  format: CheckFormat;
  fix: boolean;
  production: string[];
  failOn: FailOn;
  exclude: string[];
  /** Absent unless --baseline was given. */
  baseline?: string;
}

export interface ReportOptions {
  path: string | undefined;
  format: ReportFormat;
  /** Present (true) only with --history. */
  history?: boolean;
}

export interface BaselineOptions {
  path: string | undefined;
  output: string | undefined;
}

export interface HistoryOptions {
  path: string | undefined;
  since: string | undefined;
  format: HistoryFormat;
}

export type Invocation =
  | { kind: "help"; command?: CommandName }
  | { kind: "version" }
  | { kind: "check"; options: CheckOptions }
  | { kind: "report"; options: ReportOptions }
  | { kind: "baseline"; options: BaselineOptions }
  | { kind: "history"; options: HistoryOptions };

/** A mistake in the command line: reported in one line with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function isCommandName(name: string): name is CommandName {
  return COMMAND_NAMES.some((command) => command === name);
}

function parseOptions(
  args: readonly string[],
  specs: readonly OptionSpec[],
  command?: CommandName,
): { values: ParsedValues; positionals: string[] } {
  const config = Object.fromEntries(specs.map((s) => [s.name, parseArgsOption(s)]));
  try {
    return parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    throw new UsageError(describeParseError(error), command);
  }
}

/** node:util's messages are long and mention its own syntax; one short line is enough here. */
function describeParseError(error: Error & { code: string }): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (option === undefined) return error.message.split("\n")[0] ?? error.message;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option '${option}'`;
  if (error.message.includes("does not take an argument")) return `'${option}' takes no value`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `missing value for '${option}'`;
  return `unexpected argument '${option}'`;
}

/** node:util's parseArgs rejects keys set to undefined, so only present ones are passed. */
function parseArgsOption(spec: OptionSpec): { type: "string" | "boolean"; short?: string; multiple?: boolean } {
  return {
    type: spec.value === undefined ? "boolean" : "string",
    ...(spec.short !== undefined ? { short: spec.short } : {}),
    ...(spec.multiple ? { multiple: true } : {}),
  };
}

/** Mistakes in argv (unknown option, missing value), as opposed to a bug in the option table. */
function isParseArgsError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS_");
}

function stringList(values: ParsedValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** The last occurrence wins, as in most CLIs. */
function choice<T extends string>(values: ParsedValues, spec: OptionSpec, allowed: readonly T[], fallback: T, command: CommandName): T {
  const given = stringList(values, spec.name).at(-1);
  if (given === undefined) return fallback;
  const found = allowed.find((a) => a === given);
  if (found === undefined) {
    throw new UsageError(`invalid value '${given}' for --${spec.name} (expected one of: ${allowed.join(", ")})`, command);
  }
  return found;
}

function optionSpec(command: CommandName, name: string): OptionSpec {
  const spec = commands[command].options.find((o) => o.name === name);
  if (!spec) throw new Error(`no option --${name} for ${command}`);
  return spec;
}

function parseCheck(args: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(args, commands.check.options, "check");
  if (values.help === true) return { kind: "help", command: "check" };
  return {
    kind: "check",
    options: {
      paths: positionals,
      format: choice(values, optionSpec("check", "format"), CHECK_FORMATS, "text", "check"),
      fix: values.fix === true,
      production: stringList(values, "production"),
      failOn: choice(values, optionSpec("check", "fail-on"), FAIL_ON_LEVELS, "error", "check"),
      exclude: stringList(values, "exclude"),
      ...lastValue(values, "baseline", (baseline) => ({ baseline })),
    },
  };
}

/** `{}` when the option is absent, so options objects hold only what was given. */
function lastValue<T extends object>(values: ParsedValues, name: string, wrap: (value: string) => T): T | Record<string, never> {
  const value = stringList(values, name).at(-1);
  return value === undefined ? {} : wrap(value);
}

function onePath(positionals: readonly string[], command: CommandName): string | undefined {
  if (positionals.length > 1) throw new UsageError(`${command} takes at most one PATH`, command);
  return positionals[0];
}

function parseBaseline(args: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(args, commands.baseline.options, "baseline");
  if (values.help === true) return { kind: "help", command: "baseline" };
  return { kind: "baseline", options: { path: onePath(positionals, "baseline"), output: stringList(values, "output").at(-1) } };
}

function parseHistory(args: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(args, commands.history.options, "history");
  if (values.help === true) return { kind: "help", command: "history" };
  const since = stringList(values, "since").at(-1);
  if (since !== undefined && (since === "" || since.startsWith("-"))) throw new UsageError(`invalid value '${since}' for --since (expected a branch, tag or commit)`, "history");
  return {
    kind: "history",
    options: {
      path: onePath(positionals, "history"),
      since,
      format: choice(values, optionSpec("history", "format"), HISTORY_FORMATS, "text", "history"),
    },
  };
}

function parseReport(args: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(args, commands.report.options, "report");
  if (values.help === true) return { kind: "help", command: "report" };
  return {
    kind: "report",
    options: {
      path: onePath(positionals, "report"),
      format: choice(values, optionSpec("report", "format"), REPORT_FORMATS, "markdown", "report"),
      ...(values.history === true ? { history: true } : {}),
    },
  };
}

const COMMAND_PARSERS: Record<CommandName, (args: readonly string[]) => Invocation> = {
  check: parseCheck,
  report: parseReport,
  baseline: parseBaseline,
  history: parseHistory,
};

/** Reads argv (without the node and script entries) into what to do. Throws UsageError. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command (${COMMAND_NAMES.join(", ")})`);
  if (!first.startsWith("-")) {
    if (!isCommandName(first)) throw new UsageError(`unknown command '${first}' (expected one of: ${COMMAND_NAMES.join(", ")})`);
    return COMMAND_PARSERS[first](rest);
  }
  const { values, positionals } = parseOptions(argv, programOptions);
  if (positionals.length > 0) throw new UsageError("options go after the command: django-ready check [PATH...] [options]");
  if (values.version === true) return { kind: "version" };
  return { kind: "help" };
}

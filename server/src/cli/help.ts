// --help texts, rendered from the option tables that the parser uses, so every flag is documented.
import { commands, programOptions, type CommandName, type OptionSpec } from "./args";

const EXIT_CODES = [
  "Exit codes:",
  "  0  nothing at or above --fail-on was found",
  "  1  something at or above --fail-on was found",
  "  2  usage error, a PATH that does not exist, a file that could not be read, or an internal error",
];

function optionLabel(o: OptionSpec): string {
  const long = `--${o.name}${o.value ? ` ${o.value}` : ""}`;
  return o.short ? `-${o.short}, ${long}` : `    ${long}`;
}

function optionDetails(o: OptionSpec): string {
  const parts = [o.description];
  if (o.choices) parts.push(`one of: ${o.choices.join(", ")}`);
  if (o.default) parts.push(`default: ${o.default}`);
  return parts.join("; ");
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const labels = options.map(optionLabel);
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  return options.map((o, i) => `  ${(labels[i] ?? "").padEnd(width)}${optionDetails(o)}`);
}

const commandNotes: Record<CommandName, string[]> = {
  check: [
    "PATH (default: the current folder):",
    "  a folder is checked with itself as the project root; several folders are checked one by one;",
    "  a file is checked within its project (the nearest folder above it holding manage.py, else the",
    "  git work tree, else its own folder) and only findings in the named files are reported.",
    "",
    "Output:",
    "  text   path:line:col: severity DJPnnn message, then a summary line (colours on a terminal",
    "         unless NO_COLOR is set)",
    '  json   {"version":1,"root":…,"findings":[{"rule","severity","file","line","column",',
    '         "endLine","endColumn","message","fixable"}]} (paths relative to root, 1-based)',
    "  sarif  SARIF 2.1.0 for GitHub code scanning",
    "",
    "Configuration: [tool.django-ready] in the root's pyproject.toml:",
    '  production-settings = ["mysite.settings.prod"], exclude = ["legacy/**"],',
    '  rules = { DJP106 = "off", DJP401 = "error" }, baseline = ".django-ready-baseline.json".',
    "  Command-line options win.",
    "",
    "Baseline: findings the baseline file holds are left out of the output and the exit code; a",
    "  line on stderr says how many, and which entries match nothing any more (they can be dropped).",
    "",
    ...EXIT_CODES,
  ],
  report: [
    "The readiness report is a checklist per Django project: the five practices, Django's",
    "deploy checks and the env files, each marked passed, failed or not judged (with why).",
    "It is a document, not a gate:",
    "  0  the report was printed, whatever it says",
    "  2  usage error, a PATH that does not exist, or an unusable configuration",
    "--history adds a line for secrets found in the git history (django-ready history).",
  ],
  baseline: [
    "Writes every finding `check PATH` reports today. Each entry holds the rule, the file (relative",
    "to the baseline file's folder) and a fingerprint of the offending statement's normalised text",
    "with every value replaced by the rule id: no line number (entries survive lines inserted above),",
    "no secret and no hash of one. Commit the file; `check --baseline FILE` (or baseline = \"FILE\" in",
    "[tool.django-ready]) then fails only on new findings.",
    "",
    "Exit codes: 0 written; 2 usage error, unusable PATH or configuration, or the file could not be written.",
  ],
  history: [
    "Reads every commit reachable from a branch, tag or HEAD (git is run read-only, with every",
    "program-running setting of the repository turned off) and reports each secret DJP101-DJP104",
    "would have reported in a settings module or an env file: the commit that introduced it, its",
    "date, the file and line at that commit, and whether it is still in the working tree. Values are",
    "masked. Which files: the paths of today's settings modules, any settings.py or .py file in a",
    "settings/ folder, and env files (.env, .env.*, *.env), at every commit.",
    "",
    "A secret in history is in every clone: rotate it. SECRET_KEY: add the old key to",
    "SECRET_KEY_FALLBACKS, set a new SECRET_KEY, drop the old one once sessions have turned over.",
    "Others: revoke the credential at its provider and issue a new one. Rewriting history does not",
    "un-leak a secret.",
    "",
    "Output: text (one block per secret), json, or sarif (for GitHub code scanning).",
    "",
    "Exit codes: 0 no secret in history; 1 secrets found; 2 usage error, PATH not in a git",
    "  repository, git missing or failing, or the history could not be read whole.",
  ],
};

export function programHelp(): string {
  const lines = [
    "django-ready — checks a Django project for production readiness, statically (it never runs the project).",
    "",
    "Usage:",
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(42)}${c.summary}`),
    "  django-ready <command> --help             the options of a command",
    "",
    "Options:",
    ...optionLines(programOptions),
    "",
    ...EXIT_CODES,
  ];
  return lines.join("\n") + "\n";
}

export function commandHelp(name: CommandName): string {
  const spec = commands[name];
  const lines = [`Usage: ${spec.usage}`, "", `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`, ""];
  lines.push("Options:", ...optionLines(spec.options), "", ...commandNotes[name]);
  return lines.join("\n") + "\n";
}

// Which files of a past commit the history scan reads: decided from the path alone, so git can filter
// them for us, then from the text (a cheap pre-filter before anything is parsed).
import { isEnvFileName } from "../project/envFileNames";
import { basename, isInsideToolingFolder } from "../project/paths";

/** settings.py anywhere, any .py file in a settings/ package: the settings-module names RULES.md gives. */
function isSettingsPath(path: string): boolean {
  if (!path.endsWith(".py") || isInsideToolingFolder(path)) return false;
  return basename(path) === "settings.py" || path.split("/").slice(0, -1).includes("settings");
}

export type HistoryFileKind = "settings" | "env";

/**
 * A path whose past versions are read: a settings path, an env file name, or a path that is a settings
 * module of today's project (found by content or by reference, whatever its name).
 */
export function historyFileKind(path: string, currentSettings: ReadonlySet<string>): HistoryFileKind | undefined {
  if (isInsideToolingFolder(path)) return undefined;
  if (isEnvFileName(path)) return "env";
  if (isSettingsPath(path) || currentSettings.has(path)) return "settings";
  return undefined;
}

/** git pathspecs for the same paths (git filters the log by them; historyFileKind decides again per path). */
export function historyPathspecs(currentSettings: Iterable<string>): string[] {
  const byName = [":(glob)**/settings.py", ":(glob)**/settings/**/*.py", ":(glob)**/.env", ":(glob)**/.env.*", ":(glob)**/*.env"];
  return [...byName, ...[...currentSettings].map((path) => `:(literal)${path}`)];
}

const TRIPLE_QUOTED = /'''[\s\S]*?'''|"""[\s\S]*?"""/g;

/**
 * The parts of a version that can carry a secret: each line holding a quote (env: each line) and each
 * triple-quoted block whole (a key block's lines hold no quote). A version whose parts all appeared in an
 * earlier version of the same file can report nothing the earlier one did not.
 */
export function secretBearingParts(kind: HistoryFileKind, text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (kind === "env") return lines.filter((line) => line !== "" && !line.startsWith("#"));
  return [...lines.filter((line) => /["']/.test(line)), ...(text.match(TRIPLE_QUOTED) ?? [])];
}

/** A Python text with no quote holds no string literal, so no secret; an env text needs an `=` or `:`. */
export function mayHoldSecret(kind: HistoryFileKind, text: string): boolean {
  return kind === "env" ? /[=:]/.test(text) : /["']/.test(text);
}

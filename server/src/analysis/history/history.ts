// Secrets in git history, from the commits' changed files and the secrets of each distinct file version:
// each secret once, at the commit that brought it in (the oldest reachable one), masked.
import { maskSecret } from "../secrets/mask";
import { historyFileKind, mayHoldSecret, secretBearingParts, type HistoryFileKind } from "./files";
import { judgeBlob, rotationAdvice, type BlobSecret, type HistoryRule } from "./judge";

export interface HistoryChange {
  /** Path relative to the analysed folder, POSIX. */
  path: string;
  /** Object id of the file's version this commit brought in. */
  blob: string;
}

export interface HistoryCommit {
  sha: string;
  /** Committer time, seconds since the epoch. */
  time: number;
  changes: HistoryChange[];
}

export interface HistorySecret {
  rule: HistoryRule;
  file: string;
  /** 1-based, in the file as the commit left it. */
  line: number;
  column: number;
  commit: string;
  /** ISO 8601 (UTC) committer date. */
  date: string;
  stillInWorkingTree: boolean;
  /** The first characters and a mask: never the value. */
  masked: string;
  message: string;
}

const WHAT: Record<HistoryRule, string> = {
  DJP101: "A hard-coded SECRET_KEY",
  DJP102: "A hard-coded credential",
  DJP103: "A provider token",
  DJP104: "A password in a URL",
};

export function describeHistorySecret(secret: Omit<HistorySecret, "message">): string {
  const where = secret.stillInWorkingTree
    ? "it is still in the working tree"
    : "it is gone from the working tree, but every clone of the repository still has it";
  return `${WHAT[secret.rule]} (${secret.masked}) entered the history in commit ${secret.commit.slice(0, 12)} (${secret.date.slice(0, 10)}) at ${secret.file}:${secret.line}; ${where}. ${rotationAdvice(secret.rule)}.`;
}

/**
 * `commits` oldest first; `secretsOf` gives a version's secrets (undefined when it was not read);
 * `inWorkingTree` tells whether a secret's text is in one of today's files. The secret text never leaves here.
 */
export function collectHistorySecrets(
  commits: readonly HistoryCommit[],
  secretsOf: (change: HistoryChange) => readonly BlobSecret[] | undefined,
  inWorkingTree: (secret: string) => boolean,
): HistorySecret[] {
  const seen = new Set<string>();
  const out: HistorySecret[] = [];
  for (const commit of commits) {
    for (const change of commit.changes) {
      for (const found of secretsOf(change) ?? []) {
        const key = `${found.rule}\0${change.path}\0${found.secret}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = {
          rule: found.rule,
          file: change.path,
          line: found.line + 1,
          column: found.column + 1,
          commit: commit.sha,
          date: new Date(commit.time * 1000).toISOString(),
          stillInWorkingTree: inWorkingTree(found.secret),
          masked: maskSecret(found.secret),
        };
        out.push({ ...entry, message: describeHistorySecret(entry) });
      }
    }
  }
  return out;
}

/** The commits with only the changes the scan reads (settings modules, env files), each tagged with its kind. */
export function relevantChanges(commits: readonly HistoryCommit[], currentSettings: ReadonlySet<string>): HistoryCommit[] {
  return commits.map((commit) => ({ ...commit, changes: commit.changes.filter((c) => historyFileKind(c.path, currentSettings) !== undefined) }));
}

/** Each file version once, however many commits and paths share it. */
export function distinctBlobs(commits: readonly HistoryCommit[]): string[] {
  return [...new Set(commits.flatMap((commit) => commit.changes.map((change) => change.blob)))];
}

export interface HistoryScanInput {
  /** Oldest first, already narrowed by relevantChanges. */
  commits: readonly HistoryCommit[];
  currentSettings: ReadonlySet<string>;
  blobText: (blob: string) => string | undefined;
  /** Today's settings modules and env files: where a secret may still be. */
  workingTexts: readonly string[];
}

/** Remembers, per path, the secret-bearing parts of the versions judged so far (in commit order). */
function newPartsTracker(): (path: string, kind: HistoryFileKind, text: string) => boolean {
  const seen = new Map<string, Set<string>>();
  return (path, kind, text) => {
    let parts = seen.get(path);
    if (!parts) seen.set(path, (parts = new Set()));
    let fresh = false;
    for (const part of secretBearingParts(kind, text)) {
      if (parts.has(part)) continue;
      parts.add(part);
      fresh = true;
    }
    return fresh;
  };
}

/**
 * Judges each distinct version once (per path kind), oldest commit first, then keeps each secret at the commit
 * that brought it in. A version is not judged when every part that can carry a secret (secretBearingParts)
 * appeared in an earlier version of the same path: its secrets were all reported at an earlier commit.
 */
export function scanHistory(input: HistoryScanInput): HistorySecret[] {
  const judged = new Map<string, readonly BlobSecret[]>();
  const hasNewParts = newPartsTracker();
  const secretsOf = (change: HistoryChange): readonly BlobSecret[] | undefined => {
    const kind = historyFileKind(change.path, input.currentSettings);
    if (kind === undefined) return undefined;
    // Every version at a settings path is judged as a settings module: a file there that assigns no Django
    // setting (an extra.py of tokens in settings/) still put its secrets in every clone.
    const forced = kind === "settings";
    const key = `${change.blob}\0${kind === "env" ? "" : change.path}`;
    let secrets = judged.get(key);
    if (secrets === undefined) {
      const text = input.blobText(change.blob);
      const worthJudging = text !== undefined && mayHoldSecret(kind, text) && hasNewParts(change.path, kind, text);
      secrets = worthJudging ? judgeBlob(kind, change.path, text, forced) : [];
      judged.set(key, secrets);
    }
    return secrets;
  };
  return collectHistorySecrets(input.commits, secretsOf, (secret) => input.workingTexts.some((text) => text.includes(secret)));
}

export interface HistoryReportLine {
  /** One sentence for the readiness report. */
  text: string;
  /** Secrets found; undefined when the history could not be read. */
  secrets?: number;
}

/** The readiness report's line about the git history (`report --history`, the editor's readiness command). */
export function historyReportLine(secrets: readonly HistorySecret[] | undefined, commits: number, failure?: string): HistoryReportLine {
  if (secrets === undefined || failure !== undefined) return { text: `Git history: not judged: ${failure ?? "not read"}.` };
  if (secrets.length === 0) return { text: `Git history: no secret found in the ${commits} commit${commits === 1 ? "" : "s"} that touched settings modules or env files.`, secrets: 0 };
  const still = secrets.filter((s) => s.stillInWorkingTree).length;
  const n = secrets.length;
  return {
    text: `Git history: ${n} secret${n === 1 ? "" : "s"} in past commits (${still} still in the working tree); every clone has ${n === 1 ? "it" : "them"}, so rotate ${n === 1 ? "it" : "them"}: \`django-ready history\` lists each with its commit.`,
    secrets: n,
  };
}

// The `if`/`elif`/`else` and `case` branches of a shell script, line by line: which branch a command runs in, and
// what the other branches of the same construct run. DJP501 uses it to tell a development-only `runserver`
// (`if [ "$1" = "--dev" ]; then manage.py runserver; else gunicorn …; fi`) from one a deployment may run.
import { splitNameWords } from "../secrets/credentialName";
import { unquotedCommentOffset } from "./deploymentFiles";

export interface ShellBranch {
  /** The test of an `if`/`elif`, the pattern of a `case` arm; "else" for an `else` or `*)` arm. */
  condition: string;
  /** The construct's first line (one id per `if … fi` or `case … esac`). */
  construct: number;
  /** The lines of the branch's body. */
  lines: number[];
}

interface Open {
  kind: "if" | "case";
  construct: number;
  branches: ShellBranch[];
}

const IF = /^(?:if|elif)\s+(.*?)(?:;\s*then\b.*)?$/;
const CASE_ARM = /^\(?\s*([^()]*?)\s*\)/;

/** Every branch of every `if` and `case` construct of a script, innermost constructs included. */
export function shellBranches(text: string): ShellBranch[] {
  const out: ShellBranch[] = [];
  const stack: Open[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, line) => {
    const comment = unquotedCommentOffset(raw);
    const content = (comment < 0 ? raw : raw.slice(0, comment)).trim();
    const top = stack.at(-1);
    const word = /^[\w-]+/.exec(content)?.[0];
    if (word === "if" && !/\bfi\s*;?$/.test(content)) {
      const open: Open = { kind: "if", construct: line, branches: [{ condition: IF.exec(content)?.[1] ?? "", construct: line, lines: [] }] };
      stack.push(open);
      return;
    }
    if (top?.kind === "if" && word === "elif") {
      top.branches.push({ condition: IF.exec(content)?.[1] ?? "", construct: top.construct, lines: [] });
      return;
    }
    if (top?.kind === "if" && word === "else") {
      top.branches.push({ condition: "else", construct: top.construct, lines: [] });
      return;
    }
    if (top?.kind === "if" && (word === "fi" || content === "fi;")) {
      out.push(...stack.pop()!.branches);
      return;
    }
    if (word === "case" && /\bin$/.test(content)) {
      stack.push({ kind: "case", construct: line, branches: [] });
      return;
    }
    if (top?.kind === "case" && word === "esac") {
      out.push(...stack.pop()!.branches);
      return;
    }
    if (top?.kind === "case" && (top.branches.length === 0 || closedArm(lines, line, top))) {
      const arm = CASE_ARM.exec(content);
      if (arm) {
        const pattern = arm[1].trim();
        top.branches.push({ condition: pattern === "*" ? "else" : pattern, construct: top.construct, lines: [] });
        const rest = content.slice(arm[0].length).replace(/;;\s*$/, "").trim();
        if (rest) top.branches.at(-1)!.lines.push(line);
        return;
      }
    }
    for (const open of stack) open.branches.at(-1)?.lines.push(line);
  });
  return out;
}

/** Whether the previous arm of a `case` ended (`;;`), so this line may start the next one. */
function closedArm(lines: readonly string[], line: number, open: Open): boolean {
  const previous = open.branches.at(-1);
  if (!previous) return true;
  for (let i = line - 1; i >= open.construct; i--) {
    const text = lines[i].trim();
    if (!text || text.startsWith("#")) continue;
    return /;;\s*(?:#.*)?$/.test(text);
  }
  return true;
}

const DEVELOPMENT_WORDS = new Set(["dev", "develop", "development", "devel", "devenv", "local", "debug"]);
const NEGATION = /(?:^|\s)!(?:\s|$)|!=|\s-z\s|\bnot\b/;

function words(text: string): string[] {
  return splitNameWords(text).map((word) => word.toLowerCase());
}

/**
 * Whether `line` of a script only runs in a development branch while another branch of the same construct starts
 * a real server: the branch's test (or `case` pattern) names a development word (dev, devenv, local, debug, …)
 * without a negation. An `else` fallback never counts: a deployment that forgets the flag would run it.
 */
export function inDevelopmentBranch(text: string, line: number, startsServer: (line: string) => boolean): boolean {
  const all = shellBranches(text);
  const lines = text.split(/\r\n|\r|\n/);
  return all.some((branch) => {
    if (!branch.lines.includes(line) || branch.condition === "else" || NEGATION.test(branch.condition)) return false;
    if (!words(branch.condition).some((word) => DEVELOPMENT_WORDS.has(word))) return false;
    return all.some((other) => other !== branch && other.construct === branch.construct && other.lines.some((l) => startsServer(lines[l])));
  });
}

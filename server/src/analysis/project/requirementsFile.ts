// pip's requirement syntax: PEP 508 strings (also used by pyproject.toml and setup.cfg) and requirements files
// with comments, options, `-r` includes, line continuations, markers and hashes.

export interface Requirement {
  /** The name as written (not normalised). */
  name: string;
  /** Version specifiers as written (`>=4.2,<5.0`); empty when none. */
  specifier: string;
}

export interface RequirementLine extends Requirement {
  /** 0-based line of the requirement's first physical line. */
  line: number;
}

export interface RequirementsFile {
  requirements: RequirementLine[];
  /** Paths named by `-r` / `--requirement`, as written (relative to the including file). */
  includes: string[];
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/s;
const ARCHIVE = /\.(whl|zip|tar\.gz|tar\.bz2|tgz)$/i;

/** A PEP 508 requirement (`Django[argon2]>=4.2 ; python_version >= "3.10"`); undefined for URLs, paths and archives. */
export function parseRequirement(text: string): Requirement | undefined {
  const clean = text.trim();
  const match = NAME.exec(clean);
  if (!match) return undefined;
  const rest = match[2].split(";")[0].trim();
  if (rest.startsWith("@")) return { name: match[1], specifier: "" };
  if (ARCHIVE.test(clean)) return undefined;
  if (rest && !/^[<>=!~(]/.test(rest)) return undefined;
  return { name: match[1], specifier: rest.replace(/^\((.*)\)$/, "$1").replace(/\s+/g, "") };
}

/** Physical lines joined on trailing backslashes, each with the 0-based line it starts on. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r\n|\r|\n/).forEach((physical, index) => {
    const current = pending ?? { text: "", line: index };
    const continued = /\\$/.test(physical);
    current.text += continued ? physical.slice(0, -1) : physical;
    if (continued) pending = current;
    else {
      out.push(current);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/** pip drops `#` comments that start a line or follow whitespace. */
function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, "").trim();
}

const INCLUDE = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s=]))(\S+)/;

export function parseRequirementsFile(text: string): RequirementsFile {
  const result: RequirementsFile = { requirements: [], includes: [] };
  for (const { text: raw, line } of logicalLines(text)) {
    const content = withoutComment(raw);
    if (!content) continue;
    if (content.startsWith("-")) {
      const include = INCLUDE.exec(content);
      if (include) result.includes.push(include[1]);
      continue;
    }
    const requirement = parseRequirement(content.replace(/\s--?\w[\w-]*(?:[=\s]\S+)?/g, " "));
    if (requirement) result.requirements.push({ ...requirement, line });
  }
  return result;
}

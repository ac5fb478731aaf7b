// Template files (RULES.md DJP004): cookiecutter and Django project templates hold Jinja/Django tags outside Python
// strings or env values, or lie under a folder whose name holds `{{`. They are never parsed as Python or dotenv.
import { isEnvFileName } from "./envFileNames";

/** A folder of the path (not the file itself) whose name holds `{{`: `{{cookiecutter.project_slug}}/config/settings.py`. */
export function isUnderTemplateFolder(path: string): boolean {
  return path.split("/").slice(0, -1).some((segment) => segment.includes("{{"));
}

const PYTHON_MARKERS = /\{%-?\s*[a-z]+\b[^\n]*?%\}|\{\{-?\s*(?:cookiecutter\.|project_name\b)[^\n]*?\}\}/g;
const BLOCK_TAG_LINE = /^\s*\{%-?\s*[a-z]+\b[^\n]*%\}\s*$/m;

/** Whether `offset` of `line` lies inside a quoted Python string (single-line quotes; good enough for tags). */
function insideQuotes(line: string, offset: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const char = line[i];
    if (char === "\\") i++;
    else if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "#") return true;
  }
  return quote !== undefined;
}

/** Triple-quoted strings (docstrings of a Jinja helper) blanked out, line breaks kept. */
function withoutTripleQuoted(text: string): string {
  return text.replace(/("""|''')[\s\S]*?\1/g, (block) => block.replace(/[^\n]/g, " "));
}

function pythonHasTemplateSyntax(text: string): boolean {
  if (!text.includes("{%") && !text.includes("{{")) return false;
  for (const line of withoutTripleQuoted(text).split(/\r\n|\r|\n/)) {
    if (!line.includes("{")) continue;
    for (const match of line.matchAll(PYTHON_MARKERS)) if (!insideQuotes(line, match.index ?? 0)) return true;
  }
  return false;
}

/** Whether a file the analysis would read is a template: by its folder, or by template syntax outside strings and values. */
export function isTemplateFile(path: string, text: string | undefined): boolean {
  if (isUnderTemplateFolder(path)) return true;
  if (text === undefined) return false;
  if (path.endsWith(".py")) return pythonHasTemplateSyntax(text);
  if (isEnvFileName(path)) return BLOCK_TAG_LINE.test(text);
  return false;
}

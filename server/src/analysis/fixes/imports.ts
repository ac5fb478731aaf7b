// `import os` where an os lookup needs it: at the module's import insertion line (after the docstring and
// `from __future__` imports).
import type { FileEdit, TextEdit } from "../types";
import type { PythonModule } from "../python/module";
import type { Idiom } from "./idiom";
import { endOfText, lineBreakOf } from "./textPositions";

export function osImportEdit(module: PythonModule, idiom: Idiom): TextEdit | undefined {
  if (!idiom.needsOsImport) return undefined;
  const eol = lineBreakOf(module.text);
  const end = endOfText(module.text);
  // A module whose last line (a docstring) has no line break: the import goes after a new one.
  if (module.importInsertLine > end.line) return { range: { start: end, end }, newText: `${eol}import os${eol}` };
  const at = { line: module.importInsertLine, column: 0 };
  return { range: { start: at, end: at }, newText: `import os${eol}` };
}

/** The settings module's edit: `edits`, plus `import os` when the idiom needs it. */
export function settingsModuleEdit(module: PythonModule, idiom: Idiom, edits: TextEdit[]): FileEdit {
  const importOs = osImportEdit(module, idiom);
  return { file: module.file, edits: importOs ? [importOs, ...edits] : edits };
}

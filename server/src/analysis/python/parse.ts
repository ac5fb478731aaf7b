// web-tree-sitter + tree-sitter-python, loaded once from wasm bytes the adapter hands in.
import { Language, Parser, type Tree } from "web-tree-sitter";

let parser: Parser | undefined;

export interface PythonWasm {
  treeSitter: Uint8Array;
  python: Uint8Array;
}

/** Load the parser once; later calls are no-ops. */
export async function initPython(wasm: PythonWasm): Promise<void> {
  if (parser) return;
  await Parser.init({ wasmBinary: wasm.treeSitter });
  const language = await Language.load(wasm.python);
  const created = new Parser();
  created.setLanguage(language);
  parser = created;
}

export function isPythonReady(): boolean {
  return parser !== undefined;
}

/** Parse Python source; tree-sitter recovers from syntax errors, so this always yields a tree. */
export function parsePython(text: string, previous?: Tree): Tree {
  if (!parser) throw new Error("initPython() must be awaited before parsing");
  const tree = parser.parse(text, previous);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

// web-tree-sitter + tree-sitter-python, loaded once from wasm bytes the adapter hands in.
import { Language, Parser, type Tree } from "web-tree-sitter";
import { AnalysisStopped, isCancellable, stopRequested } from "../cancellation";

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

/**
 * Parse Python source; tree-sitter recovers from syntax errors, so this always yields a tree. One parse of a huge
 * module is a single call into WebAssembly: in a cancellable analysis, tree-sitter asks the progress callback every
 * few hundred steps and gives up (no tree) when it answers true; then the parser is reset and AnalysisStopped thrown.
 */
export function parsePython(text: string, previous?: Tree): Tree {
  if (!parser) throw new Error("initPython() must be awaited before parsing");
  // The typings say the callback returns nothing; the runtime (0.25) cancels when it returns true.
  const options = isCancellable() ? { progressCallback: stopRequested as () => void } : undefined;
  const tree = parser.parse(text, previous, options);
  // No tree with a language set: the progress callback said stop.
  if (!tree && options) {
    // Otherwise the next parse would resume the abandoned one.
    parser.reset();
    throw new AnalysisStopped();
  }
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

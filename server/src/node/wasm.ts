// Node-side loading of the parser's wasm files: beside the bundle in dist/, or from node_modules when run from source.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PythonWasm } from "../analysis/python/parse";
import { initPython } from "../analysis/python/parse";

function locate(file: string, packagePath: string): string {
  const besideBundle = join(__dirname, file);
  if (existsSync(besideBundle)) return besideBundle;
  return require.resolve(packagePath);
}

export function readPythonWasm(): PythonWasm {
  return {
    treeSitter: readFileSync(locate("tree-sitter.wasm", "web-tree-sitter/tree-sitter.wasm")),
    python: readFileSync(locate("tree-sitter-python.wasm", "tree-sitter-python/tree-sitter-python.wasm")),
  };
}

export function initAnalysisFromDisk(): Promise<void> {
  return initPython(readPythonWasm());
}

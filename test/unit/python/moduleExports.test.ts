import { test } from "node:test";
import assert from "node:assert/strict";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { buildPythonModule, readModuleExports } from "../../../server/src/analysis/python/module";

// readModuleExports is what following a settings module's imports reads of other modules: it must give exactly the
// imports and helpers the full module has.
const MODULES: Record<string, string> = {
  "pkg/envutils.py": [
    '"""Helpers."""',
    "import os",
    "from os import getenv as read_env",
    "from .base import *  # noqa: F403",
    "",
    "def envbool(name, default=False):",
    '    return os.environ.get(name, str(default)) == "True"',
    "",
    "def get_list(name, default=None):",
    "    value = read_env(name)",
    '    return value.split(",") if value else default',
    "",
    "@cache",
    "def not_a_helper(x):",
    "    return x + 1",
    "",
    "if True:",
    "    from pkg.other import thing, other as alias",
    "",
  ].join("\n"),
  "pkg/broken.py": "from .envutils import envbool\nDEBUG = envbool(\n\ndef f(:\n",
  "pkg/none.py": "",
  "pkg/crlf.py": "import os\r\ndef env(name):\r\n    return os.getenv(name)\r\n",
};

test("readModuleExports gives the imports and helpers buildPythonModule gives", async () => {
  await initAnalysisFromDisk();
  for (const [file, text] of Object.entries(MODULES)) {
    const full = buildPythonModule(file, text);
    const exports = readModuleExports(file, text);
    assert.deepEqual(exports.imports, full.imports, file);
    assert.deepEqual([...exports.helpers], [...full.helpers], file);
    assert.equal(exports.hasSyntaxErrors, full.syntaxErrors > 0, file);
  }
  assert.deepEqual([...readModuleExports("pkg/envutils.py", MODULES["pkg/envutils.py"]).helpers.keys()], ["envbool", "get_list"]);
  assert.ok(readModuleExports("pkg/envutils.py", MODULES["pkg/envutils.py"]).imports.length >= 3);
});

// Root-relative path helpers of the core.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isInsideToolingFolder } from "../../server/src/analysis/project/paths";

describe("isInsideToolingFolder", () => {
  it("is true for a path under a never-entered folder at any depth", () => {
    for (const path of ["node_modules/x.py", "a/node_modules/b.py", "a/.git/config", "venv/lib/x.py", "a/.venv/b", "site-packages/a.py", ".mypy_cache/x", "a/__pycache__/x.pyc", "a/.tox/b/c.py"]) {
      assert.equal(isInsideToolingFolder(path), true, path);
    }
  });

  it("is false for the folder's own name as a file, look-alike names and ordinary paths", () => {
    for (const path of ["node_modules", "a/venv", "a/xnode_modules/b", "a/node_modulesx/b", "a/b.py", "a/.gitignore", "a/gitx/b", "a/Xgit/b", "avenv/b.py"]) {
      assert.equal(isInsideToolingFolder(path), false, path);
    }
  });
});

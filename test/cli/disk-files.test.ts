// The node-side FileAccess: pruned walk, exclude globs, symlinks, exact texts, unreadable reasons, git's view.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { createDiskFileAccess } from "../../server/src/node/files";
import { removeTemp, tempDir } from "./helpers";

function write(root: string, file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
}

describe("files()", () => {
  const root = tempDir();
  after(() => removeTemp(root));
  for (const f of [
    "manage.py",
    "mysite/settings.py",
    "build/keep.py",
    "dist/keep.py",
    ".env",
    ".git/config",
    "node_modules/x/index.js",
    "mysite/__pycache__/settings.cpython-312.pyc",
    "lib/site-packages/django/conf.py",
    ".tox/py312/x.py",
    ".nox/x.py",
    ".mypy_cache/x.json",
    ".venv/lib/x.py",
    "venv/lib/x.py",
    "env312/pyvenv.cfg",
    "env312/lib/django/settings.py",
    "legacy/old_settings.py",
    "docs/notes.md",
  ]) {
    write(root, f, "x = 1\n");
  }
  mkdirSync(join(root, "elsewhere"));
  write(root, "elsewhere/real.py", "");
  symlinkSync(join(root, "elsewhere"), join(root, "linked-dir"));
  symlinkSync(join(root, "manage.py"), join(root, "linked-manage.py"));

  test("lists project files as sorted POSIX paths, pruned of VCS, dependencies, caches and virtualenvs", () => {
    assert.deepEqual(createDiskFileAccess(root).files(), [
      ".env",
      "build/keep.py",
      "dist/keep.py",
      "docs/notes.md",
      "elsewhere/real.py",
      "legacy/old_settings.py",
      "linked-manage.py",
      "manage.py",
      "mysite/settings.py",
    ]);
  });

  test("honours exclude globs for files and folders", () => {
    const files = createDiskFileAccess(root, { exclude: ["legacy/", "*.md", "dist/**"] }).files();
    assert.ok(!files.includes("legacy/old_settings.py"));
    assert.ok(!files.includes("docs/notes.md"));
    assert.ok(!files.includes("dist/keep.py"));
    assert.ok(files.includes("build/keep.py"));
  });

  test("invalidate() lists again", () => {
    const access = createDiskFileAccess(root);
    assert.ok(!access.files().includes("new.py"));
    write(root, "new.py", "");
    assert.ok(!access.files().includes("new.py"), "the listing is cached");
    access.invalidate("new.py");
    assert.ok(access.files().includes("new.py"));
  });
});

describe("files() and .gitignore", () => {
  const root = tempDir();
  after(() => removeTemp(root));
  write(root, ".gitignore", "/media/\n.env\n*.sqlite3\n");
  write(root, "app/.gitignore", "generated/\n!keep/\n");
  for (const f of ["manage.py", ".env", "db.sqlite3", "media/uploads/settings.py", "app/generated/settings.py", "app/keep/x.py", "app/settings.py"]) {
    write(root, f, "x = 1\n");
  }

  test("folders the .gitignore files ignore are not entered; ignored files (.env) are still listed", () => {
    assert.deepEqual(createDiskFileAccess(root).files(), [".env", ".gitignore", "app/.gitignore", "app/keep/x.py", "app/settings.py", "db.sqlite3", "manage.py"]);
  });
});

describe("read()", () => {
  const root = tempDir();
  after(() => removeTemp(root));
  write(root, "bom.py", "\uFEFFDEBUG = True\r\n");
  write(root, "latin1.py", Buffer.from("# caf\xe9\n", "latin1"));
  write(root, "settings.py", new Uint8Array([0x53, 0x45, 0x00, 0x01, 0x02]));
  const big = openSync(join(root, "big.py"), "w");
  ftruncateSync(big, 50 * 1024 * 1024);
  closeSync(big);

  test("keeps the text exactly, BOM and CRLF included", () => {
    assert.equal(createDiskFileAccess(root).read("bom.py"), "\uFEFFDEBUG = True\r\n");
  });

  test("says why a file cannot be read", () => {
    const access = createDiskFileAccess(root);
    for (const [file, reason] of [
      ["latin1.py", "not valid UTF-8"],
      ["settings.py", "binary file"],
      ["big.py", "larger than 5 MB (50.0 MB)"],
    ] as const) {
      assert.equal(access.read(file), undefined, file);
      assert.equal(access.unreadableReason(file), reason);
    }
    assert.deepEqual([...access.unreadable().keys()].sort(), ["big.py", "latin1.py", "settings.py"]);
  });

  test("a missing file is not a skipped one", () => {
    const access = createDiskFileAccess(root);
    assert.equal(access.read("nope.py"), undefined);
    assert.equal(access.unreadable().size, 0);
  });

  test("maxFileBytes is configurable", () => {
    const access = createDiskFileAccess(root, { maxFileBytes: 4 });
    assert.equal(access.read("bom.py"), undefined);
    assert.match(access.unreadableReason("bom.py") ?? "", /^larger than 0\.0 MB/);
  });

  test("texts are cached until invalidated", () => {
    const access = createDiskFileAccess(root);
    write(root, "cached.py", "A = 1\n");
    assert.equal(access.read("cached.py"), "A = 1\n");
    write(root, "cached.py", "A = 2\n");
    assert.equal(access.read("cached.py"), "A = 1\n");
    access.invalidate("cached.py");
    assert.equal(access.read("cached.py"), "A = 2\n");
    write(root, "cached.py", "A = 3\n");
    access.invalidate();
    assert.equal(access.read("cached.py"), "A = 3\n");
  });
});

describe("gitStatus()", () => {
  test("undefined outside a repository", () => {
    const root = tempDir();
    after(() => removeTemp(root));
    write(root, ".env", "A=1\n");
    assert.equal(createDiskFileAccess(root).gitStatus?.(".env"), undefined);
  });

  test("tracked, ignored and untracked, relative to a root below the repository's top", async () => {
    const top = tempDir();
    after(() => removeTemp(top));
    git(top, "init", "-q");
    write(top, ".gitignore", "*.log\nsecrets/\n");
    write(top, "app/.gitignore", ".env\n");
    write(top, "app/.env", "A=1\n");
    write(top, "app/.env.prod", "A=2\n");
    write(top, "app/.env.example", "A=\n");
    write(top, "app/secrets/.env", "B=1\n");
    write(top, "app/debug.log", "");
    git(top, "add", ".gitignore", "app/.gitignore", "app/.env.example");
    git(top, "add", "-f", "app/.env.prod");
    git(top, "commit", "-qm", "init");

    const access = createDiskFileAccess(join(top, "app"));
    assert.equal(access.gitStatus?.(".env"), "ignored");
    assert.equal(access.gitStatus?.(".env.prod"), "tracked");
    assert.equal(access.gitStatus?.(".env.example"), "tracked");
    assert.equal(access.gitStatus?.("secrets/.env"), "ignored");
    assert.equal(access.gitStatus?.("debug.log"), "ignored");
    write(top, "app/.env.local", "C=1\n");
    access.invalidate(".env.local");
    assert.equal(access.gitStatus?.(".env.local"), "untracked");

    // The same answers from git's view asked for in the background (the CLI starts it before listing the folder).
    const prefetched = createDiskFileAccess(join(top, "app"));
    await prefetched.prefetchGitStatus();
    for (const file of [".env", ".env.prod", ".env.example", "secrets/.env", "debug.log", ".env.local", "other.py"]) {
      assert.equal(prefetched.gitStatus?.(file), createDiskFileAccess(join(top, "app")).gitStatus?.(file), file);
    }
    // A prefetch that ends after an invalidation leaves git's view to be asked again.
    const invalidated = createDiskFileAccess(join(top, "app"));
    const pending = invalidated.prefetchGitStatus();
    invalidated.invalidate();
    write(top, "app/.env.late", "D=1\n");
    git(top, "add", "-f", "app/.env.late");
    await pending;
    assert.equal(invalidated.gitStatus?.(".env.late"), "tracked");
  });

  test("a prefetch outside a repository leaves gitStatus undefined", async () => {
    const root = tempDir();
    after(() => removeTemp(root));
    write(root, ".env", "A=1\n");
    const access = createDiskFileAccess(root);
    await access.prefetchGitStatus();
    assert.equal(access.gitStatus?.(".env"), undefined);
  });
});

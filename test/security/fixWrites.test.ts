// The guarded writer: --fix never writes outside the root or through a symlink, never replaces what it could not
// read exactly, and applies a fix whole or not at all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { readGuarded } from "../../server/src/node/guarded-read";
import { writeGuarded, WriteRefused } from "../../server/src/node/guarded-write";
import { resolveGit } from "../../server/src/node/git";
import { cli, SECRET, SETTINGS_PY, unprivilegedCli, workspace } from "./hostile";

const settingsOf = (root: string) => readFileSync(join(root, "mysite/settings.py"), "utf8");

/** --fix, then: the settings module kept its secret literal (nothing applied) and stderr says which file and why. */
function assertRefusedWhole(root: string, why: RegExp, run_ = cli): void {
  const run = run_(["check", "--fix", "."], root);
  assert.notEqual(run.status, null, "the CLI hung");
  assert.match(run.stderr, why);
  assert.ok(settingsOf(root).includes(SECRET), "the settings module lost its secret although .env was not written");
}

describe("--fix on hostile env files", () => {
  test("a .env symlinked to a file outside the root receives nothing", () => {
    const ws = workspace();
    const rc = join(ws.outside, ".bashrc");
    writeFileSync(rc, "# shell rc\n");
    symlinkSync(rc, join(ws.root, ".env"));
    assertRefusedWhole(ws.root, /not fixed: .*\.env: it is a symbolic link/);
    assert.equal(readFileSync(rc, "utf8"), "# shell rc\n");
  });

  test("a dangling .env symlink does not create its target", () => {
    const ws = workspace();
    const target = join(ws.outside, "created-by-fix");
    symlinkSync(target, join(ws.root, ".env"));
    assertRefusedWhole(ws.root, /\.env: it is a symbolic link/);
    assert.equal(existsSync(target), false);
  });

  test("a .gitignore symlinked outside the root gets no line appended", () => {
    const ws = workspace({ ".env": "DEBUG=0\n" });
    const outsideIgnore = join(ws.outside, "gitignore");
    writeFileSync(outsideIgnore, "*.log\n");
    symlinkSync(outsideIgnore, join(ws.root, ".gitignore"));
    cli(["check", "--fix", "."], ws.root);
    assert.equal(readFileSync(outsideIgnore, "utf8"), "*.log\n");
    assert.ok(lstatSync(join(ws.root, ".gitignore")).isSymbolicLink());
  });

  for (const [what, content] of [
    ["not valid UTF-8", Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x0a])],
    ["holding a NUL", Buffer.from("A=1\0\nB=2\n")],
  ] as const) {
    test(`an existing .env ${what} is not replaced, and the settings module keeps its secret`, () => {
      const ws = workspace({ ".env": content });
      assertRefusedWhole(ws.root, /not fixed: .*\.env: it could not be read exactly/);
      assert.deepEqual(readFileSync(join(ws.root, ".env")), Buffer.from(content));
    });
  }

  test("an existing .env over the size limit is not replaced", () => {
    const ws = workspace({ ".env": "A=1\n".repeat(1_400_000) });
    assertRefusedWhole(ws.root, /\.env: it could not be read exactly \(larger than 5 MB/);
    assert.equal(statSync(join(ws.root, ".env")).size, 5_600_000);
  });

  test("a .env that is a folder: nothing changes and the error says why", () => {
    const ws = workspace();
    mkdirSync(join(ws.root, ".env"));
    assertRefusedWhole(ws.root, /\.env: it is not a regular file/);
  });

  test("a read-only .env is not replaced", (t) => {
    const ws = workspace({ ".env": "DEBUG=0\n" });
    const run = unprivilegedCli(ws);
    if (typeof run === "string") return t.skip(run);
    chmodSync(join(ws.root, ".env"), 0o444);
    assertRefusedWhole(ws.root, /\.env: it is read-only/, run);
  });

  test("a .env git tracks is never written; the fix says why", (t) => {
    const git = resolveGit(process.cwd());
    if (!git) return t.skip("skipped: no git executable");
    const ws = workspace({ ".env": "DEBUG=0\n" });
    const run = (...args: string[]) => spawnSync(git, ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: ws.root });
    run("init", "-q");
    run("add", ".env");
    assertRefusedWhole(ws.root, /\.env: git tracks this env file/);
    assert.equal(readFileSync(join(ws.root, ".env"), "utf8"), "DEBUG=0\n");
  });
});

describe("--fix keeps what it rewrites", () => {
  test("a new .env is created 0600; the settings module keeps its mode", () => {
    const ws = workspace();
    chmodSync(join(ws.root, "mysite/settings.py"), 0o640);
    const run = cli(["check", "--fix", "."], ws.root);
    assert.match(run.stderr, /fixed: mysite\/settings\.py: Move SECRET_KEY/);
    assert.equal(statSync(join(ws.root, ".env")).mode & 0o777, 0o600);
    assert.equal(statSync(join(ws.root, "mysite/settings.py")).mode & 0o777, 0o640);
    assert.ok(readFileSync(join(ws.root, ".env"), "utf8").includes(SECRET));
  });

  test("a settings module with a UTF-8 BOM keeps it first and still parses after the fix", (t) => {
    const ws = workspace({ "mysite/settings.py": `\ufeff${SETTINGS_PY}` });
    cli(["check", "--fix", "."], ws.root);
    const text = settingsOf(ws.root);
    assert.ok(text.startsWith("\ufeff"), "the BOM moved");
    assert.equal(text.indexOf("\ufeff", 1), -1, "a BOM inside the code");
    assert.ok(!text.includes(SECRET));
    const python = ["python3", "/usr/bin/python3"].find((candidate: string) => spawnSync(candidate, ["-c", "1"]).status === 0);
    if (!python) return t.diagnostic("skipped: no python to parse the result (the BOM checks above ran)");
    const parsed = spawnSync(python, ["-c", "import ast,sys; ast.parse(open(sys.argv[1], encoding='utf-8-sig').read())", join(ws.root, "mysite/settings.py")]);
    assert.equal(parsed.status, 0, parsed.stderr?.toString());
  });

  test("CRLF line endings are kept", () => {
    const ws = workspace({ "mysite/settings.py": SETTINGS_PY.replace(/\n/g, "\r\n"), ".env": "DEBUG=0\r\n" });
    cli(["check", "--fix", "."], ws.root);
    for (const file of ["mysite/settings.py", ".env"]) {
      const text = readFileSync(join(ws.root, file), "utf8");
      assert.equal(text.replace(/\r\n/g, "").includes("\n"), false, `${file} got a bare LF`);
    }
  });
});

describe("the guarded writer", () => {
  test("refuses a file changed since it was read, and writes nothing of the unit", () => {
    const ws = workspace({ ".env": "A=1\n" });
    const env = readGuarded(ws.root, ".env");
    const settings = readGuarded(ws.root, "mysite/settings.py");
    assert.ok("text" in env && "text" in settings);
    writeFileSync(join(ws.root, "mysite/settings.py"), `${SETTINGS_PY}# edited meanwhile\n`);
    assert.throws(
      () =>
        writeGuarded(ws.root, [
          { file: ".env", text: "A=1\nB=2\n", expected: env.stamp, envFile: true },
          { file: "mysite/settings.py", text: "changed\n", expected: settings.stamp, envFile: false },
        ]),
      (error: unknown) => error instanceof WriteRefused && error.file === "mysite/settings.py" && /changed since it was read/.test(error.why),
    );
    assert.equal(readFileSync(join(ws.root, ".env"), "utf8"), "A=1\n");
    assert.ok(settingsOf(ws.root).endsWith("# edited meanwhile\n"));
  });

  test("refuses paths that leave the root", () => {
    const ws = workspace();
    for (const file of ["../outside/x", "/etc/passwd", "a/../../x"]) {
      assert.throws(() => writeGuarded(ws.root, [{ file, text: "x", expected: undefined, envFile: false }]), WriteRefused);
    }
    assert.equal(existsSync(join(ws.outside, "x")), false);
  });

  test("refuses a path under a symlinked folder", () => {
    const ws = workspace();
    symlinkSync(ws.outside, join(ws.root, "conf"));
    assert.throws(() => writeGuarded(ws.root, [{ file: "conf/.env", text: "A=1\n", expected: undefined, envFile: true }]), /conf is a symbolic link/);
    assert.equal(existsSync(join(ws.outside, ".env")), false);
  });

  test("when a later file cannot be written the earlier ones are put back", () => {
    const ws = workspace({ ".env": "A=1\n" });
    const env = readGuarded(ws.root, ".env");
    assert.ok("text" in env);
    mkdirSync(join(ws.root, "blocked"));
    writeFileSync(join(ws.root, "blocked/file"), "x");
    assert.throws(() =>
      writeGuarded(ws.root, [
        { file: ".env", text: "A=1\nB=2\n", expected: env.stamp, envFile: true },
        // A path through a regular file cannot be created.
        { file: "blocked/file/new.py", text: "x", expected: undefined, envFile: false },
      ]),
    );
    assert.equal(readFileSync(join(ws.root, ".env"), "utf8"), "A=1\n");
  });
});

test("two projects in one folder: each secret goes to its own project's .env", () => {
  const settingsFor = (name: string) => `DEBUG = False\nSECRET_KEY = "django-insecure-${name}-0123456789abcdefghijklmnopqrstuvwxyz0123"\n`;
  const manage = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n';
  const ws = workspace({ "a/manage.py": manage, "a/site/settings.py": settingsFor("aaaa"), "b/manage.py": manage, "b/site/settings.py": settingsFor("bbbb") });
  cli(["check", "--fix", "."], ws.root);
  const envA = readFileSync(join(ws.root, "a/.env"), "utf8");
  const envB = readFileSync(join(ws.root, "b/.env"), "utf8");
  assert.ok(envA.includes("aaaa") && !envA.includes("bbbb"), envA);
  assert.ok(envB.includes("bbbb") && !envB.includes("aaaa"), envB);
});

// The guarded reader: FIFOs and devices are never opened blocking, symlinks never lead out of the root, nothing
// unreadable is passed over in silence.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { listGuarded, readGuarded } from "../../server/src/node/guarded-read";
import { createDiskFileAccess } from "../../server/src/node/files";
import { cli, makeFifo, unprivilegedCli, workspace } from "./hostile";

describe("guarded reader", () => {
  test("a FIFO is refused at once, never waited on", (t) => {
    const ws = workspace();
    if (!makeFifo(join(ws.root, ".env"))) return t.skip("skipped: mkfifo is unavailable");
    const read = readGuarded(ws.root, ".env");
    assert.deepEqual(read, { reason: "not a regular file (a FIFO)" });
  });

  test("a symlink to a file outside the root is not followed; one inside is", () => {
    const ws = workspace({ "config/real.env": "A=1\n" });
    writeFileSync(join(ws.outside, "credentials"), "https://user:hunter2@example.com\n");
    symlinkSync(join(ws.outside, "credentials"), join(ws.root, "prod.env"));
    symlinkSync(join(ws.root, "config/real.env"), join(ws.root, "local.env"));
    assert.match((readGuarded(ws.root, "prod.env") as { reason: string }).reason, /outside the folder/);
    assert.equal((readGuarded(ws.root, "local.env") as { text: string }).text, "A=1\n");
  });

  test("a symlinked folder leading out of the root does not let a read out either", () => {
    const ws = workspace();
    writeFileSync(join(ws.outside, ".env"), "TOKEN=outside\n");
    symlinkSync(ws.outside, join(ws.root, "linked"));
    assert.ok(!("text" in readGuarded(ws.root, "linked/.env")));
  });

  test("a symlink to a device is not read (no unbounded read of /dev/zero)", (t) => {
    const ws = workspace();
    try {
      symlinkSync("/dev/zero", join(ws.root, "pyproject.toml"));
    } catch {
      return t.skip("skipped: cannot link to /dev/zero here");
    }
    assert.ok("reason" in readGuarded(ws.root, "pyproject.toml"));
  });

  test("at most the size limit is read", () => {
    const ws = workspace({ "big.env": "A=1\n".repeat(100) });
    assert.match((readGuarded(ws.root, "big.env", { maxBytes: 100 }) as { reason: string }).reason, /larger than/);
  });

  test("names that are not UTF-8 are reported, not dropped", (t) => {
    const ws = workspace();
    const name = Buffer.concat([Buffer.from(ws.root + "/bad"), Buffer.from([0xff]), Buffer.from(".env")]);
    try {
      writeFileSync(name, "A=1\n");
    } catch {
      return t.skip("skipped: the file system refuses names that are not UTF-8");
    }
    const listing = listGuarded(ws.root, "");
    assert.ok("entries" in listing && listing.undecodable.includes("bad\\xff.env"));
    assert.equal(createDiskFileAccess(ws.root).unlisted().get("bad\\xff.env"), "the name is not valid UTF-8");
  });
});

describe("CLI on a hostile workspace", () => {
  test("FIFOs named .env, .gitignore and pyproject.toml neither hang check nor pass silently", (t) => {
    const ws = workspace();
    const made = [".env", ".gitignore", "pyproject.toml"].every((name) => makeFifo(join(ws.root, name)));
    if (!made) return t.skip("skipped: mkfifo is unavailable");
    const run = cli(["check", "."], ws.root);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /skipped \.env: not a regular file \(a FIFO\)/);
    assert.match(run.stderr, /skipped pyproject\.toml: not a regular file \(a FIFO\)/);
  });

  test("--fix with a FIFO .env and .gitignore finishes and writes nothing through them", (t) => {
    const ws = workspace();
    if (![".env", ".gitignore"].every((name) => makeFifo(join(ws.root, name)))) return t.skip("skipped: mkfifo is unavailable");
    const run = cli(["check", "--fix", "."], ws.root);
    assert.notEqual(run.status, null, "the CLI hung");
    assert.match(run.stderr, /not fixed: mysite\/settings\.py: Move SECRET_KEY/);
  });

  test("a symlinked env file pointing at a credential file outside the root is never printed", () => {
    const ws = workspace();
    const credential = "https://alice:s3cr3t-t0ken-value@git.example.com";
    writeFileSync(join(ws.outside, ".git-credentials"), `${credential}\nPGPASSWORD=another-secret-value\n`);
    symlinkSync(join(ws.outside, ".git-credentials"), join(ws.root, "prod.env"));
    for (const format of ["text", "json", "sarif"]) {
      const run = cli(["check", "--format", format, "."], ws.root);
      assert.ok(!run.stdout.includes("s3cr3t") && !run.stderr.includes("s3cr3t"), `${format} printed the credential`);
      assert.ok(!run.stdout.includes("another-secret-value"), `${format} printed the credential`);
      assert.equal(run.status, 2);
    }
    const report = cli(["report", "."], ws.root);
    assert.ok(!report.stdout.includes("s3cr3t"));
  });

  test("an unreadable folder is reported as skipped (DJP003, exit 2)", (t) => {
    const ws = workspace({ "private/settings_prod.py": "DEBUG = True\n" });
    const run_ = unprivilegedCli(ws);
    if (typeof run_ === "string") return t.skip(run_);
    chmodSync(join(ws.root, "private"), 0o000);
    t.after(() => existsSync(join(ws.root, "private")) && chmodSync(join(ws.root, "private"), 0o755));
    const run = run_(["check", "."], ws.root);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /private\S* information DJP003 .*folder cannot be listed: permission denied/);
  });

  test("an unreadable root is never 'No problems found' with exit 0", (t) => {
    const ws = workspace();
    const run_ = unprivilegedCli(ws);
    if (typeof run_ === "string") return t.skip(run_);
    chmodSync(ws.root, 0o000);
    t.after(() => existsSync(ws.root) && chmodSync(ws.root, 0o755));
    const run = run_(["check", ws.root], ws.base);
    assert.equal(run.status, 2);
    assert.doesNotMatch(run.stdout, /No problems found/);
  });

  test("a root the walk cannot list gives DJP003 on '.' (the same path as an unreadable root)", () => {
    const ws = workspace();
    const access = createDiskFileAccess(join(ws.root, "gone"));
    assert.deepEqual([...access.unlisted()], [[".", "folder cannot be listed: no such file"]]);
    assert.deepEqual([...access.unreadable()], [[".", "folder cannot be listed: no such file"]]);
  });

  test("a file whose name is not UTF-8 is DJP003 with exit 2, not 'no such file'", (t) => {
    const ws = workspace();
    try {
      writeFileSync(Buffer.concat([Buffer.from(join(ws.root, "mysite/settings_")), Buffer.from([0xfe]), Buffer.from(".py")]), "DEBUG = True\n");
    } catch {
      return t.skip("skipped: the file system refuses names that are not UTF-8");
    }
    const run = cli(["check", "."], ws.root);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /mysite\/settings_\\xfe\.py:1:1: information DJP003 .*not valid UTF-8/);
    assert.doesNotMatch(run.stderr, /no such file/);
  });

  test("a subfolder symlinked to outside the root is not walked", () => {
    const ws = workspace();
    mkdirSync(join(ws.outside, "settings"), { recursive: true });
    writeFileSync(join(ws.outside, "settings/production.py"), `SECRET_KEY = "outside-secret-0123456789-abcdefghijklmnop"\n`);
    symlinkSync(join(ws.outside, "settings"), join(ws.root, "linked"));
    const run = cli(["check", "--format", "json", "."], ws.root);
    assert.ok(!run.stdout.includes("linked/production.py"));
    assert.ok(!run.stdout.includes("outside-secret"));
  });
});

// The built CLI's command line: help, version, usage errors and missing paths, all without stack traces.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { commands } from "../../server/src/cli/args";
import { ensureBuilt, fixturesDir, hasStackTrace, repoRoot, runCli } from "./helpers";

before(ensureBuilt);

function assertUsageError(args: string[], pattern: RegExp): void {
  const run = runCli(args);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^django-ready: /);
  assert.match(run.stderr, pattern);
  assert.match(run.stderr, /--help' for usage/);
  assert.equal(run.stdout, "");
  assert.ok(!hasStackTrace(run.stderr), run.stderr);
}

describe("help and version", () => {
  test("--help and -h print the program's usage and exit 0", () => {
    for (const flag of ["--help", "-h"]) {
      const run = runCli([flag]);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /django-ready check \[PATH\.\.\.\]/);
      assert.match(run.stdout, /django-ready report \[PATH\]/);
      assert.match(run.stdout, /--version/);
      assert.match(run.stdout, /Exit codes:/);
    }
  });

  for (const name of ["check", "report"] as const) {
    test(`${name} --help documents every flag of ${name}`, () => {
      const run = runCli([name, "--help"]);
      assert.equal(run.status, 0);
      for (const option of commands[name].options) {
        assert.match(run.stdout, new RegExp(`--${option.name}\\b`), `--${option.name} missing from help`);
        for (const choice of option.choices ?? []) assert.ok(run.stdout.includes(choice), `${choice} missing`);
      }
    });
  }

  test("check --help names the flags of DESIGN.md", () => {
    const help = runCli(["check", "-h"]).stdout;
    for (const flag of ["--format", "--fix", "--production", "--fail-on", "--exclude", "--help"]) {
      assert.ok(help.includes(flag), flag);
    }
  });

  test("--version prints package.json's version", () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    const run = runCli(["--version"]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });
});

describe("usage errors exit 2 with one message", () => {
  test("no command", () => assertUsageError([], /missing command/));
  test("unknown command", () => assertUsageError(["lint"], /unknown command 'lint'/));
  test("unknown flag", () => assertUsageError(["check", "--colour"], /unknown option '--colour'/));
  test("unknown format", () => assertUsageError(["check", "--format", "xml"], /invalid value 'xml' for --format/));
  test("unknown report format", () => assertUsageError(["report", "--format", "pdf"], /invalid value 'pdf'/));
  test("unknown --fail-on level", () => assertUsageError(["check", "--fail-on", "hint"], /invalid value 'hint' for --fail-on/));
  test("missing value", () => assertUsageError(["check", "--format"], /missing value for '--format'/));
  test("a flag where a value belongs", () => assertUsageError(["check", "--production", "--fix"], /missing value for '--production'/));
  test("a value for a flag", () => assertUsageError(["check", "--fix=yes"], /'--fix' takes no value/));
});

describe("paths", () => {
  test("a PATH that does not exist exits 2 after checking the others", () => {
    const run = runCli(["check", "no-such-folder", join(fixturesDir, "clean")]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^django-ready: no such file or directory: no-such-folder$/m);
    assert.match(run.stdout, /No problems found/);
    assert.ok(!hasStackTrace(run.stderr));
  });

  test("only missing PATHs: exit 2 and no report", () => {
    const run = runCli(["check", "missing-a", "missing-b", "--format", "json"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /missing-a/);
    assert.match(run.stderr, /missing-b/);
    assert.equal(run.stdout, "");
  });

  test("no PATH checks the working folder", () => {
    const run = runCli(["check", "--format", "json"], { cwd: join(fixturesDir, "clean") });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { root: string }).root, join(fixturesDir, "clean"));
  });
});

test("an invalid [tool.django-ready] exits 2 naming the file", () => {
  const run = runCli(["check", join(fixturesDir, "bad-config")]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /bad-config\/pyproject\.toml: rules\.DJP301 must be one of/);
  assert.ok(!hasStackTrace(run.stderr));
});

test("report prints the readiness checklist in Markdown and exits 0", () => {
  const run = runCli(["report", join(fixturesDir, "clean")]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^# Django production readiness/m);
});

describe("--production", () => {
  test("naming no settings module is a usage error that names the modules found", () => {
    const project = join(fixturesDir, "configured");
    assertUsageError(["check", project, "--production", "mysite.setings"], /--production mysite\.setings matches no settings module; settings modules found: .*mysite\.settings/);
  });

  test("naming a settings module checks the project", () => {
    const run = runCli(["check", join(fixturesDir, "configured"), "--production", "mysite.settings", "--fail-on", "never"]);
    assert.equal(run.status, 0, run.stderr);
  });
});

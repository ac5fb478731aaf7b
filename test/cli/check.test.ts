// The built CLI end to end over fixture projects: output shapes, exit codes, configuration, PATH semantics,
// unreadable files. Assertions about particular findings follow RULES.md and need the engine's rules.
import assert from "node:assert/strict";
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { catalog } from "../../server/src/analysis/rules/catalog";
import type { JsonOutput } from "../../server/src/cli/format/json";
import type { SarifLog } from "../../server/src/cli/format/sarif";
import { copyToTemp, ensureBuilt, fixturesDir, hasStackTrace, insecureExample, lineOf, removeTemp, runCli } from "./helpers";

before(ensureBuilt);

const JSON_FINDING_KEYS = ["rule", "severity", "file", "line", "column", "endLine", "endColumn", "message", "fixable"];

function checkJson(args: string[], cwd?: string): { status: number | null; out: JsonOutput; stderr: string } {
  const run = runCli(["check", "--format", "json", ...args], cwd ? { cwd } : {});
  assert.ok(!hasStackTrace(run.stderr), run.stderr);
  return { status: run.status, out: JSON.parse(run.stdout) as JsonOutput, stderr: run.stderr };
}

function ids(out: JsonOutput): Set<string> {
  return new Set(out.findings.map((f) => f.rule));
}

describe("the insecure example", () => {
  let dir = "";
  before(() => (dir = copyToTemp(insecureExample)));
  after(() => removeTemp(dir));
  const settings = (): string => join(dir, "mysite/settings.py");

  test("json has exactly the contract's keys, paths relative to the root, 1-based positions", () => {
    const { out } = checkJson([dir, "--fail-on", "never"]);
    assert.deepEqual(Object.keys(out), ["version", "root", "findings"]);
    assert.equal(out.version, 1);
    assert.equal(out.root, dir);
    assert.ok(out.findings.length > 0, "the example has findings");
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f), JSON_FINDING_KEYS);
      assert.match(f.rule, /^DJP\d{3}$/);
      assert.ok(["error", "warning", "information", "hint"].includes(f.severity));
      assert.ok(!f.file.startsWith("/") && !f.file.includes("\\"), f.file);
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line, JSON.stringify(f));
      assert.equal(typeof f.fixable, "boolean");
    }
  });

  test("DEBUG = True gives DJP301 at its line", () => {
    const { out } = checkJson([dir, "--fail-on", "never"]);
    const debug = out.findings.find((f) => f.rule === "DJP301");
    assert.deepEqual([debug?.file, debug?.line], ["mysite/settings.py", lineOf(settings(), "DEBUG = True")]);
  });

  test("reports what RULES.md expects (needs the engine's rules)", () => {
    const { out } = checkJson([dir, "--fail-on", "never"]);
    const at = (rule: string): string[] => out.findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`);
    assert.deepEqual(at("DJP101"), [`mysite/settings.py:${lineOf(settings(), "SECRET_KEY =")}`]);
    assert.deepEqual(at("DJP102"), [
      `mysite/settings.py:${lineOf(settings(), '"PASSWORD"')}`,
      `mysite/settings.py:${lineOf(settings(), "EMAIL_HOST_PASSWORD")}`,
    ]);
    assert.deepEqual(at("DJP303"), [`mysite/settings.py:${lineOf(settings(), "ALLOWED_HOSTS")}`]);
    assert.deepEqual(at("DJP501"), [`Procfile:${lineOf(join(dir, "Procfile"), "runserver")}`]);
    for (const rule of ["DJP201", "DJP401", "DJP502"]) assert.equal(at(rule).length, 1, rule);
  });

  test("no finding message echoes a secret", () => {
    const run = runCli(["check", dir, "--fail-on", "never"]);
    for (const secret of ["tr0ub4dor-stapler", "v3lvet-Harbor-42", "9jnkg#-ib6tjgiypg"]) assert.ok(!run.stdout.includes(secret), secret);
  });

  test("text: `path:line:col: severity DJPnnn message` lines relative to the working folder, a summary, no colours off a TTY", () => {
    const text = runCli(["check", ".", "--fail-on", "never"], { cwd: dir });
    assert.equal(text.status, 0);
    assert.ok(!text.stdout.includes("\u001b["));
    const lines = text.stdout.trimEnd().split("\n");
    const summary = lines.pop();
    assert.match(summary ?? "", /^\d+ (error|warning|information|hint)s?(, \d+ \w+)* in \d+ files?$/);
    assert.equal(lines.pop(), "");
    for (const line of lines) assert.match(line, /^[^:\s]+:\d+:\d+: (error|warning|information|hint) DJP\d{3} \S.*$/);
    assert.ok(lines.some((l) => l.startsWith(`mysite/settings.py:${lineOf(settings(), "DEBUG = True")}:`)));
  });

  test("text paths are relative to the working folder", () => {
    const run = runCli(["check", basename(dir), "--fail-on", "never"], { cwd: dirname(dir) });
    assert.ok(run.stdout.split("\n").some((l) => l.startsWith(`${basename(dir)}/mysite/settings.py:`)), run.stdout);
  });

  test("sarif is structurally valid SARIF 2.1.0", () => {
    const run = runCli(["check", dir, "--format", "sarif", "--fail-on", "never"]);
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif/);
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.ok(sarifRun);
    const { driver } = sarifRun.tool;
    assert.equal(driver.name, "django-ready");
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(driver.rules.map((r) => r.id).slice(0, catalog.length), catalog.map((m) => m.id));
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(["error", "warning", "note"].includes(rule.defaultConfiguration.level));
    }
    assert.equal(sarifRun.originalUriBaseIds["%SRCROOT%"].uri, `file://${dir}/`);
    assert.ok(sarifRun.results.length > 0);
    for (const result of sarifRun.results) {
      assert.equal(driver.rules[result.ruleIndex]?.id, result.ruleId);
      assert.ok(["error", "warning", "note"].includes(result.level));
      assert.ok(result.message.text.length > 0);
      assert.equal(result.locations.length, 1);
      const { artifactLocation, region } = result.locations[0]?.physicalLocation ?? assert.fail("no location");
      assert.equal(artifactLocation.uriBaseId, "%SRCROOT%");
      assert.ok(!artifactLocation.uri.startsWith("/") && !artifactLocation.uri.includes(":"), artifactLocation.uri);
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine && region.endColumn >= 1);
    }
  });

  test("exit codes for each --fail-on", () => {
    const expected = { error: 1, warning: 1, information: 1, never: 0 };
    for (const [failOn, status] of Object.entries(expected)) {
      assert.equal(runCli(["check", dir, "--fail-on", failOn]).status, status, failOn);
    }
    assert.equal(runCli(["check", dir]).status, 1, "--fail-on defaults to error");
  });

  test("a file PATH reports only that file's findings, from its project's root", () => {
    const { out } = checkJson([settings(), "--fail-on", "never"]);
    assert.equal(out.root, dir);
    assert.ok(out.findings.length > 0);
    assert.ok(out.findings.every((f) => f.file === "mysite/settings.py"));
  });

  test("--fix leaves no safe fix behind and still reports what remains", () => {
    const fixed = copyToTemp(insecureExample);
    after(() => removeTemp(fixed));
    const run = runCli(["check", fixed, "--fix", "--format", "json", "--fail-on", "never"]);
    assert.equal(run.status, 0, run.stderr);
    for (const line of run.stderr.split("\n").filter((l) => l !== "")) assert.match(line, /^fixed: .+: .+$/);
    const out = JSON.parse(run.stdout) as JsonOutput;
    assert.deepEqual(out.findings.filter((f) => f.fixable), []);
    assert.ok(ids(out).has("DJP303") || ids(out).has("DJP301") || out.findings.length > 0, "unfixed findings remain reported");
  });
});

describe("exit codes by severity", () => {
  // The example with every error rule turned off: warnings remain; then warnings off too.
  function withRulesOff(severities: string[]): string {
    const dir = copyToTemp(insecureExample);
    const off = catalog.filter((m) => severities.includes(m.severity)).map((m) => `${m.id} = "off"`);
    writeFileSync(join(dir, "pyproject.toml"), `[tool.django-ready.rules]\n${off.join("\n")}\n`);
    return dir;
  }

  test("only warnings: --fail-on error passes, warning fails", () => {
    const dir = withRulesOff(["error"]);
    after(() => removeTemp(dir));
    const { out } = checkJson([dir, "--fail-on", "never"]);
    assert.ok(out.findings.length > 0 && out.findings.every((f) => f.severity !== "error"));
    assert.equal(runCli(["check", dir]).status, 0);
    assert.equal(runCli(["check", dir, "--fail-on", "warning"]).status, 1);
  });

  test("nothing found: 0 for every --fail-on", () => {
    for (const failOn of ["error", "warning", "information", "never"]) {
      const run = runCli(["check", join(fixturesDir, "clean"), "--fail-on", failOn]);
      assert.equal(run.status, 0, failOn);
      assert.equal(run.stdout, "No problems found\n");
    }
  });
});

describe("configuration", () => {
  const configured = join(fixturesDir, "configured");

  test("[tool.django-ready]: off removes, a severity overrides, exclude leaves files out", () => {
    const { out } = checkJson([configured, "--fail-on", "never"]);
    assert.ok(!ids(out).has("DJP301"), "DJP301 is off");
    const hosts = out.findings.find((f) => f.rule === "DJP303");
    assert.equal(hosts?.severity, "error");
    assert.ok(out.findings.every((f) => !f.file.startsWith("legacy/")));
  });

  test("--exclude adds to the file's excludes", () => {
    const { out } = checkJson([configured, "--exclude", "mysite/", "--fail-on", "never"]);
    assert.ok(out.findings.every((f) => !f.file.startsWith("mysite/")));
  });
});

describe("several PATHs", () => {
  test("json reports from the common parent", () => {
    const { out } = checkJson([join(fixturesDir, "clean"), join(fixturesDir, "syntax-error"), "--fail-on", "never"]);
    assert.equal(out.root, fixturesDir);
    assert.ok(out.findings.length > 0);
    assert.ok(out.findings.every((f) => f.file.startsWith("syntax-error/")));
  });
});

test("a settings module with syntax errors is still analysed", () => {
  const dir = join(fixturesDir, "syntax-error");
  const { status, out, stderr } = checkJson([dir]);
  assert.equal(status, 1, stderr);
  assert.equal(stderr, "");
  const lines = (rule: string): number[] => out.findings.filter((f) => f.rule === rule).map((f) => f.line);
  assert.deepEqual(lines("DJP301"), [lineOf(join(dir, "site/settings.py"), "DEBUG = True")]);
  assert.deepEqual(lines("DJP101"), [lineOf(join(dir, "site/settings.py"), "SECRET_KEY")]);
});

describe("files that cannot be read", () => {
  let dir = "";
  before(() => {
    dir = copyToTemp(insecureExample);
    mkdirSync(join(dir, "latin"));
    writeFileSync(join(dir, "latin/settings.py"), Buffer.from('SECRET_KEY = "caf\xe9"\n', "latin1"));
    mkdirSync(join(dir, "blob"));
    writeFileSync(join(dir, "blob/settings.py"), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    mkdirSync(join(dir, "huge"));
    const fd = openSync(join(dir, "huge/settings.py"), "w");
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
  });
  after(() => removeTemp(dir));

  test("are skipped with a reason on stderr, exit 2, other findings still reported", () => {
    const run = runCli(["check", ".", "--format", "json"], { cwd: dir });
    assert.equal(run.status, 2);
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
    assert.match(run.stderr, /^django-ready: skipped latin\/settings\.py: not valid UTF-8$/m);
    assert.match(run.stderr, /^django-ready: skipped blob\/settings\.py: binary file$/m);
    assert.match(run.stderr, /^django-ready: skipped huge\/settings\.py: larger than 5 MB \(50\.0 MB\)$/m);
    const out = JSON.parse(run.stdout) as JsonOutput;
    const secret = out.findings.find((f) => f.rule === "DJP101");
    assert.deepEqual([secret?.file, secret?.line], ["mysite/settings.py", lineOf(join(dir, "mysite/settings.py"), "SECRET_KEY =")]);
    assert.equal(readFileSync(join(dir, "mysite/settings.py"), "utf8").includes("DEBUG = True"), true, "nothing was changed");
  });
});

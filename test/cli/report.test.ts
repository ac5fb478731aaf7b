// `django-ready report`, run in-process through the CLI's entry point over a project written to a temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../server/src/cli";
import type { Report } from "../../server/src/analysis/report/model";

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(argv: string[], cwd: string): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, color: false, version: "0.0.0-test" };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function withProject(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "djready-report-"));
    try {
      mkdirSync(join(dir, "mysite"));
      writeFileSync(join(dir, "manage.py"), "");
      writeFileSync(join(dir, "mysite", "settings.py"), "DEBUG = True\nALLOWED_HOSTS = ['example.com']\n");
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test("report prints Markdown by default and exits 0 even when checks fail", withProject(async (dir) => {
  const { code, stdout } = await runCli(["report"], dir);
  assert.equal(code, 0);
  assert.match(stdout, /^# Django production readiness\n/);
  assert.ok(stdout.includes("[mysite/settings.py:1](mysite/settings.py#L1)"));
}));

test("report --format json prints the report model; --format html a page", withProject(async (dir) => {
  const json = await runCli(["report", dir, "--format", "json"], "/");
  assert.equal(json.code, 0);
  const report = JSON.parse(json.stdout) as Report;
  assert.deepEqual(report.projects.map((p) => p.deployed.map((m) => m.file)), [["mysite/settings.py"]]);
  assert.equal(report.projects[0]?.checks.find((c) => c.id === "debug")?.status, "failed");
  const html = await runCli(["report", "--format", "html"], dir);
  assert.equal(html.code, 0);
  assert.match(html.stdout, /^<!DOCTYPE html>/);
}));

test("report exits 2 on usage errors and missing paths", withProject(async (dir) => {
  const badFormat = await runCli(["report", "--format", "pdf"], dir);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /invalid value 'pdf' for --format/);
  const twoPaths = await runCli(["report", "a", "b"], dir);
  assert.equal(twoPaths.code, 2);
  const missing = await runCli(["report", "no-such-folder"], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or directory: no-such-folder/);
  assert.equal(missing.stdout, "");
}));

// Secrets are never echoed: over a project full of fake credentials, no message, CLI output or report holds one unmasked.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { cliPath, ensureBuilt } from "../cli/helpers";
import { analyzeFiles, type FileMap } from "../support/memory";
import { leakProbes, leaks, secretProject } from "../support/secrets/fixtureSecrets";

const { files, secrets } = secretProject();
let root = "";

function writeProject(folder: string, project: FileMap): void {
  for (const [path, text] of Object.entries(project)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}

function runCli(args: string[]): { output: string; status: number | null } {
  const run = spawnSync(process.execPath, [cliPath, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { output: `${run.stdout}\n${run.stderr}`, status: run.status };
}

before(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), "django-ready-secrets-"));
  writeProject(root, files);
});

after(() => rmSync(root, { recursive: true, force: true }));

test("the leak probes find a secret and its fragments, and nothing in the masked form", () => {
  const stripe = secrets.find((s) => s.name === "STRIPE_SECRET_KEY");
  assert.ok(stripe);
  const value = stripe.prefix + stripe.body;
  assert.ok(leaks(`key ${value} here`, [stripe]).length > 0);
  assert.ok(leaks(`…${stripe.body.slice(10, 19)}…`, [stripe]).length > 0);
  assert.deepEqual(leaks(`${value.slice(0, 4)}••••`, [stripe]), []);
  assert.ok(leakProbes(stripe).every((probe) => probe.length >= 8));
  const unmasked = new Set(leaks(files[".env"] ?? "", secrets).map((line) => line.split(":")[0]));
  assert.equal(unmasked.size, secrets.length, "every fixture secret must be visible to the probes in the raw .env");
});

test("analysis messages, fix titles and problems mask every secret", async () => {
  const result = await analyzeFiles(files);
  assert.ok(result.findings.length >= 10, `expected many findings on a project full of secrets, got ${result.findings.length}`);
  const rendered = [
    ...result.findings.flatMap((f) => [f.message, ...(f.fixes ?? []).map((fix) => fix.title)]),
    ...result.problems.map((p) => p.message),
  ].join("\n");
  assert.deepEqual(leaks(rendered, secrets), []);
});

for (const format of ["text", "json", "sarif"]) {
  test(`CLI check --format ${format} masks every secret`, () => {
    const { output, status } = runCli(["check", root, "--format", format, "--fail-on", "never"]);
    assert.equal(status, 0, output.slice(0, 2000));
    assert.match(output, /DJP\d{3}/, "the CLI reported nothing: the check would pass vacuously");
    assert.deepEqual(leaks(output, secrets), []);
  });
}

for (const format of ["markdown", "html", "json"]) {
  test(`CLI report --format ${format} masks every secret`, (t) => {
    const { output, status } = runCli(["report", root, "--format", format]);
    if (status === 2 && /not implemented/i.test(output)) {
      t.skip("the report command is not implemented yet");
      return;
    }
    assert.ok(status === 0 || status === 1, output.slice(0, 2000));
    assert.ok(output.trim().length > 0);
    assert.deepEqual(leaks(output, secrets), []);
  });
}

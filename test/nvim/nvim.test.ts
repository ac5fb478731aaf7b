// Neovim 0.7 as a real second LSP client: push diagnostics from dist/server.js over stdio.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";

const repoRoot = resolve(__dirname, "../..");
const fixture = join(repoRoot, "test", "fixtures", "e2e", "single");

interface NvimDiagnostic {
  code: string | null;
  line: number;
  column: number;
  severity: number;
  source: string | null;
  message: string;
}

interface NvimResult {
  error?: string;
  timedOut?: boolean;
  files?: Record<string, NvimDiagnostic[]>;
}

function nvimVersion(): string | undefined {
  const probe = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.split("\n")[0] : undefined;
}

const version = nvimVersion();
if (!version) console.log("skipped: nvim not installed");

/** Runs test/nvim/lsp.lua headless on the fixture and returns what it wrote. */
function diagnosticsFromNeovim(outDir: string, files: string[]): NvimResult {
  const out = join(outDir, "diagnostics.json");
  const run = spawnSync("nvim", ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${join(__dirname, "lsp.lua")}`], {
    cwd: outDir,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      DJREADY_ROOT: fixture,
      DJREADY_SERVER: join(repoRoot, "dist", "server.js"),
      DJREADY_FILES: files.join(","),
      DJREADY_OUT: out,
    },
  });
  assert.equal(run.status, 0, `nvim exited with ${run.status} (${run.signal ?? "no signal"}):\n${run.stdout}${run.stderr}`);
  return JSON.parse(readFileSync(out, "utf8")) as NvimResult;
}

function summary(diagnostics: NvimDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`).sort();
}

describe("Neovim", { skip: version ? false : "skipped: nvim not installed" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "djready-nvim-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`shows the server's diagnostics for a settings module and a .env (${version})`, () => {
    const result = diagnosticsFromNeovim(dir, ["mysite/settings.py", ".env"]);
    assert.equal(result.error, undefined);
    assert.equal(result.timedOut, false, `no diagnostics arrived in time: ${JSON.stringify(result.files)}`);
    const settings = result.files?.["mysite/settings.py"] ?? [];
    const env = result.files?.[".env"] ?? [];
    const settingsSummary = summary(settings);
    for (const expected of ["5:14 DJP101", "7:9 DJP301", "9:17 DJP303", "1:1 DJP310", "1:1 DJP401"]) {
      assert.ok(settingsSummary.includes(expected), `missing ${expected} in ${settingsSummary.join(", ")}`);
    }
    const secretKey = settings.find((d) => d.code === "DJP101");
    assert.equal(secretKey?.severity, 1, "DJP101 is an error (vim.diagnostic.severity.ERROR)");
    assert.equal(secretKey?.source, "django-ready");
    assert.match(secretKey?.message ?? "", /SECRET_KEY is a hard-coded string literal/);
    const envSummary = summary(env);
    for (const expected of ["2:1 DJP604"]) assert.ok(envSummary.includes(expected), `missing ${expected} in ${envSummary.join(", ")}`);
  });
});

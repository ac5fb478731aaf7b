// Synthetic projects shaped like the real ones that misled the project model (issue 12), one folder per cause under
// test/fixtures/realworld-shapes/: NAME/project/ is the project, NAME/expect.json what must come out of it.
//   rules + findings: exactly these "RULE file:line" among the listed rules;
//   roles: every settings module with its role (files not listed are not settings modules);
//   notJudged: settings the report must list as not judged; ready: the verdict's readiness;
//   git: git's status per path (tracked/ignored; anything else untracked).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyze } from "../../../server/src/analysis/engine";
import { buildReport } from "../../../server/src/analysis/report/model";
import { defaultConfig } from "../../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { brief, memoryAccess, readTree } from "../../support/memory";

interface Expect {
  cause: string;
  rules?: string[];
  findings?: string[];
  roles?: Record<string, string>;
  notJudged?: string[];
  ready?: boolean;
  git?: Record<string, "tracked" | "ignored">;
  productionSettings?: string[];
}

const shapes = resolve(__dirname, "../../fixtures/realworld-shapes");

for (const name of readdirSync(shapes).filter((n) => existsSync(join(shapes, n, "expect.json"))).sort()) {
  const expect: Expect = JSON.parse(readFileSync(join(shapes, name, "expect.json"), "utf8"));
  test(`${name}: ${expect.cause}`, async () => {
    await initAnalysisFromDisk();
    const files = readTree(join(shapes, name, "project"));
    const git = expect.git;
    const access = memoryAccess(files, git ? (path) => git[path] ?? "untracked" : undefined);
    const result = analyze(access, { ...defaultConfig(), productionSettings: expect.productionSettings ?? [] });
    if (expect.rules) assert.deepEqual(brief(result.findings, expect.rules), [...(expect.findings ?? [])].sort(), "findings");
    if (expect.roles) {
      const roles = Object.fromEntries(result.projects.flatMap((p) => p.settings.map((s) => [s.file, s.role])));
      assert.deepEqual(roles, expect.roles, "settings modules and roles");
    }
    const report = buildReport(result, access.files());
    if (expect.notJudged) {
      const listed = result.projects.flatMap((p) => (p.notJudged ?? []).map((n) => n.setting));
      for (const setting of expect.notJudged) assert.ok(listed.includes(setting), `${setting} is listed as not judged (got ${listed.join(", ") || "none"})`);
      const lines = report.projects.flatMap((s) => s.checks.flatMap((c) => c.notJudged));
      for (const setting of expect.notJudged) assert.ok(lines.some((line) => line.startsWith(`not judged — ${setting}`)), `the report says "not judged — ${setting}: …"`);
    }
    if (expect.ready !== undefined) {
      for (const section of report.projects) {
        assert.equal(section.ready, expect.ready, `verdict: ${section.verdict}`);
        if (!expect.ready) assert.doesNotMatch(section.verdict, /^Ready for production/);
      }
    }
  });
}

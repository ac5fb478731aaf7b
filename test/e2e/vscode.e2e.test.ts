// End to end in a real VS Code (code-server 4.100 = VS Code 1.100) driven in headless Chromium: the packaged
// .vsix installed into a fresh profile, a copy of an insecure single-settings project opened, and what a
// user sees checked — squiggles counted in the status bar, the Problems panel, a hover, a quick fix that
// reaches the disk, and the readiness report.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test, type TestContext } from "node:test";
import type { Browser, Page } from "playwright-core";
import { packageVsix } from "../package/packageVsix";
import { screenshotFailure, screenshotForDocs } from "./artifacts";
import { createProfile, installExtension, type RunningCodeServer, startCodeServer } from "./codeServer";
import { applyQuickFix, dismissHover, hoverText, saveAll } from "./editor";
import { type E2eEnvironment, locateEnvironment } from "./environment";
import { poll } from "./poll";
import { openProblemsPanel, type ProblemRow, readProblems, scrollProblemsToTop } from "./problems";
import { clickWebviewLink, waitForWebviewText } from "./webview";
import { openFile, openWorkbench, runCommand, waitForProblemCounts } from "./workbench";
import { copyFixture, readIfPresent } from "./workspace";

const secretLiteral = "django-insecure-7v$w2q!m9x#k4r8t1z6b3n5c0p-j2h4g6f8d0s2a4l6e8";
const quickFixTitle = "Move SECRET_KEY to environment variable SECRET_KEY";

const located = locateEnvironment();
if (!located.ok) console.log(located.skip);

/** Runs the steps in order; once one fails the rest are skipped, and the failing one leaves a screenshot. */
function scenario(getPage: () => Page | undefined) {
  let failed: string | undefined;
  return (name: string, body: () => Promise<void>) =>
    test(name, async (t: TestContext) => {
      if (failed) return t.skip(`an earlier step failed: ${failed}`);
      try {
        await body();
      } catch (error) {
        failed = name;
        const screenshot = await screenshotFailure(getPage(), name);
        if (screenshot && error instanceof Error) error.message += `\n(screenshot: ${screenshot})`;
        throw error;
      }
    });
}

function hasProblem(problems: ProblemRow[], expected: Pick<ProblemRow, "file" | "rule" | "line">): boolean {
  return problems.some((p) => p.file === expected.file && p.rule === expected.rule && p.line === expected.line);
}

describe("django-ready in VS Code (code-server)", { skip: located.ok ? false : located.skip }, () => {
  const environment = located.ok ? located.environment : (undefined as unknown as E2eEnvironment);
  const dir = mkdtempSync(join(tmpdir(), "djready-e2e-"));
  let workspace = "";
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const step = scenario(() => page);
  const started = Date.now();

  before(async () => {
    const vsix = process.env.DJREADY_E2E_VSIX ?? join(dir, "django-ready.vsix");
    if (!process.env.DJREADY_E2E_VSIX) {
      const packaged = packageVsix(vsix);
      assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.output}`);
    }
    const profile = createProfile(dir);
    await installExtension(environment.codeServerEntry, profile, vsix);
    workspace = copyFixture("single", dir);
    server = await startCodeServer(environment.codeServerEntry, profile, workspace);
    browser = await environment.playwright.chromium.launch({
      executablePath: environment.chromium,
      args: environment.chromiumArgs,
    });
    page = await openWorkbench(browser, server.url);
    console.log(`# workbench loaded after ${Date.now() - started} ms (packaging and installing included)`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    console.log(`# scenario took ${Date.now() - started} ms`);
  });

  step("counts the findings of the settings module and the .env in the status bar", async () => {
    assert.ok(page);
    await openFile(page, "mysite/settings.py");
    // settings.py: DJP101 and DJP301 are errors, DJP303/DJP401 warnings; .env: DJP601 error, DJP604 warning.
    // (No DJP201: the project declares no file field and no MEDIA_ROOT, so it receives no uploads.)
    const counts = await waitForProblemCounts(page, (c) => c.errors >= 3 && c.warnings >= 3);
    assert.ok(counts.infos >= 1, `expected the deploy checks as infos: ${JSON.stringify(counts)}`);
  });

  step("lists every finding, with its rule and line, in the Problems panel", async () => {
    assert.ok(page);
    await openProblemsPanel(page);
    const problems = await readProblems(page);
    const expected = [
      { file: "mysite/settings.py", rule: "DJP101", line: 5 },
      { file: "mysite/settings.py", rule: "DJP301", line: 7 },
      { file: "mysite/settings.py", rule: "DJP303", line: 9 },
      { file: "mysite/settings.py", rule: "DJP401", line: 1 },
      { file: "mysite/settings.py", rule: "DJP310", line: 1 },
      { file: ".env", rule: "DJP601", line: 1 },
      { file: ".env", rule: "DJP604", line: 2 },
    ];
    const summary = problems.map((p) => `${p.file}:${p.line} ${p.rule}`).join(", ");
    for (const problem of expected) assert.ok(hasProblem(problems, problem), `missing ${JSON.stringify(problem)} in: ${summary}`);
    const secretKey = problems.find((p) => p.rule === "DJP101");
    assert.equal(secretKey?.severity, "Error");
    assert.equal(secretKey?.column, 14);
    assert.ok(problems.every((p) => !p.message.includes(secretLiteral)), "a message echoes the secret");
    await scrollProblemsToTop(page);
    await screenshotForDocs(page, "problems.png");
  });

  step("explains the SECRET_KEY finding when hovering the literal", async () => {
    assert.ok(page);
    const hover = await hoverText(page, "django-insecure", /SECRET_KEY is a hard-coded string literal/);
    assert.match(hover, /DJP101/);
    assert.ok(!hover.includes(secretLiteral), "the hover echoes the secret");
    await dismissHover(page);
  });

  step("moves SECRET_KEY to .env with the quick fix, on disk", async () => {
    assert.ok(page);
    await applyQuickFix(page, "django-insecure", quickFixTitle);
    await saveAll(page);
    const settingsPath = join(workspace, "mysite", "settings.py");
    const settings = await poll(() => {
      const text = readIfPresent(settingsPath);
      return text && !text.includes(secretLiteral) ? text : undefined;
    }, { what: "settings.py on disk without the literal", timeoutMs: 15_000 });
    assert.match(settings, /^SECRET_KEY = os\.(environ\.get\("SECRET_KEY"\)|environ\["SECRET_KEY"\]|getenv\("SECRET_KEY"\))$/m);
    assert.match(settings, /^import os$/m);
    const env = await poll(() => {
      const text = readIfPresent(join(workspace, ".env"));
      return text?.includes("SECRET_KEY=") ? text : undefined;
    }, { what: ".env on disk with SECRET_KEY", timeoutMs: 15_000 });
    const line = env.split("\n").find((l) => l.startsWith("SECRET_KEY="));
    assert.ok(line?.includes(secretLiteral), `.env holds ${JSON.stringify(line)}`);
    assert.match(env, /^DJANGO_ALLOWED_HOSTS=localhost$/m, "the fix kept the existing keys");
    assert.match(readIfPresent(join(workspace, ".gitignore")) ?? "", /^\/?\.env$/m);
    await waitForProblemCounts(page, (c) => c.errors <= 2);
  });

  step("opens the readiness report from the command palette", async () => {
    assert.ok(page);
    await runCommand(page, "Django: Check production readiness");
    const report = await waitForWebviewText(page, /checks? pass/);
    assert.match(report, /\d+ of \d+ checks pass/);
    assert.match(report, /DEBUG/);
    await screenshotForDocs(page, "report.png");
  });

  step("a finding's link in the report opens the file at its line", async () => {
    assert.ok(page);
    const label = await clickWebviewLink(page, /settings\.py:\d+/);
    const line = /:(\d+)$/.exec(label.trim())?.[1];
    assert.ok(line, `a file:line link, got ${JSON.stringify(label)}`);
    await poll(async () => ((await page!.locator(".statusbar").innerText().catch(() => "")).includes(`Ln ${line}, Col 1`) ? true : undefined), {
      what: `the cursor on line ${line} of settings.py`,
      timeoutMs: 15_000,
    });
  });
});

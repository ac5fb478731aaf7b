import { test } from "node:test";
import assert from "node:assert/strict";
import type { AnalysisResult } from "../../server/src/analysis/engine";
import { renderHtml } from "../../server/src/analysis/report/html";
import { renderMarkdown } from "../../server/src/analysis/report/markdown";
import { buildReport, type CheckId, type CheckStatus, type Report, type ReportSection } from "../../server/src/analysis/report/model";
import type { Finding, RuleId, Severity } from "../../server/src/analysis/types";
import { analyzeFiles, type FileMap } from "../support/memory";

const HARDENED = `MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
CSRF_COOKIE_SECURE = True
`;

async function reportOf(files: FileMap): Promise<Report> {
  return buildReport(await analyzeFiles(files), Object.keys(files));
}

function statuses(section: ReportSection | undefined): Partial<Record<CheckId, CheckStatus>> {
  return Object.fromEntries((section?.checks ?? []).map((c) => [c.id, c.status]));
}

function check(section: ReportSection | undefined, id: CheckId) {
  const found = section?.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

test("a single settings module is the deployed one; DEBUG and deploy checks fail, env files do not apply", async () => {
  const report = await reportOf({ "manage.py": "", "mysite/settings.py": "DEBUG = True\nALLOWED_HOSTS = ['example.com']\n" });
  assert.equal(report.projects.length, 1);
  const [section] = report.projects;
  assert.deepEqual(section?.deployed.map((m) => [m.file, m.role]), [["mysite/settings.py", "single"]]);
  assert.equal(check(section, "debug").status, "failed");
  assert.deepEqual(check(section, "debug").findings.map((f) => `${f.rule} ${f.file}:${f.line}`), ["DJP301 mysite/settings.py:1"]);
  assert.equal(check(section, "deploy-checks").status, "failed");
  assert.ok(check(section, "deploy-checks").findings.every((f) => /^DJP3(1\d|2[0-2])$/.test(f.rule)));
  assert.equal(check(section, "env-files").status, "not applicable");
  assert.equal(section?.checks.length, 7);
  assert.equal(section?.summary, `${section?.passed} of ${section?.applicable} checks pass (1 not applicable)`);
  assert.match(section?.verdict ?? "", /^Not ready for production: errors in .*DEBUG is off/);
});

test("split settings: production is judged, a DEBUG inherited from base fails debug; dev is not judged", async () => {
  const report = await reportOf({
    "manage.py": "",
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": `DEBUG = True\nALLOWED_HOSTS = ["example.com"]\n${HARDENED}`,
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/dev.py": "from .base import *\nX_FRAME_OPTIONS = 'SAMEORIGIN'\n",
  });
  const [section] = report.projects;
  assert.deepEqual(section?.deployed.map((m) => m.module), ["mysite.settings.production"]);
  assert.deepEqual(check(section, "debug").findings.map((f) => `${f.rule} ${f.file}:${f.line}`), ["DJP301 mysite/settings/base.py:1"]);
  assert.equal(check(section, "deploy-checks").status, "passed");
});

test("a monorepo gets one section per Django project, each with its own findings and env files", async () => {
  const report = await reportOf({
    "shop/manage.py": "",
    "shop/shop/settings.py": `DEBUG = True\nALLOWED_HOSTS = ["shop.example.com"]\n${HARDENED}`,
    "blog/manage.py": "",
    "blog/blog/settings.py": `DEBUG = False\nALLOWED_HOSTS = ["blog.example.com"]\n${HARDENED}`,
    "blog/.env.example": "DEBUG=\n",
  });
  assert.deepEqual(report.projects.map((p) => p.root), ["blog", "shop"]);
  const [blog, shop] = report.projects;
  assert.deepEqual(blog?.deployed.map((m) => m.file), ["blog/blog/settings.py"]);
  assert.deepEqual(shop?.deployed.map((m) => m.file), ["shop/shop/settings.py"]);
  assert.equal(check(blog, "debug").status, "passed");
  assert.equal(check(shop, "debug").status, "failed");
  assert.equal(check(blog, "deploy-checks").status, "passed");
  assert.notEqual(check(blog, "env-files").status, "not applicable");
  assert.equal(check(shop, "env-files").status, "not applicable");
  assert.ok(shop?.checks.flatMap((c) => c.findings).every((f) => f.file.startsWith("shop/")));
});

test("without a production or single module, every deployed-only check is not judged (never a pass)", async () => {
  const report = await reportOf({
    "manage.py": "",
    "mysite/settings/base.py": "DEBUG = True\n",
    "mysite/settings/dev.py": "from .base import *\n",
    "mysite/settings/test.py": "from .base import *\n",
  });
  const [section] = report.projects;
  assert.deepEqual(section?.deployed, []);
  const byId = statuses(section);
  for (const id of ["storage", "debug", "logging", "deploy-checks"] as const) assert.equal(byId[id], "not judged", id);
  assert.deepEqual(check(section, "debug").notJudged, ["not judged — no production or single settings module to judge"]);
  assert.equal(section?.ready, false);
  assert.notEqual(byId.environment, "not applicable");
  assert.ok(section?.notes.some((f) => f.rule === "DJP001"), "DJP001 is a note, not a check");
});

function finding(rule: RuleId, severity: Severity, file: string, line: number, message: string): Finding {
  return { rule, severity, file, message, range: { start: { line: line - 1, column: 4 }, end: { line: line - 1, column: 8 } } };
}

/** A hand-made result: every practice's rule id lands in its own check, project rules in the notes. */
function syntheticResult(): AnalysisResult {
  return {
    projects: [{ root: "", settings: [{ file: "app/settings.py", module: "app.settings", role: "single", roleReason: "the only settings module" }], deployed: ["app/settings.py"] }],
    findings: [
      finding("DJP101", "error", "app/settings.py", 3, "SECRET_KEY is a hard-coded literal <script>alert('x')</script> & more"),
      finding("DJP201", "warning", "app/settings.py", 1, "Uploaded media are stored on the server's disk."),
      finding("DJP401", "warning", "app/settings.py", 1, "LOGGING is not configured."),
      finding("DJP501", "error", "deploy dir/Procfile", 1, "runserver [starts] the *app*."),
      finding("DJP601", "error", ".env", 1, "The .env file is neither tracked nor ignored."),
      finding("DJP002", "hint", "app/settings.py", 7, "This suppression comment silences nothing."),
    ],
    problems: [{ file: "big.py", message: "larger than 5 MB" }],
  };
}

test("findings go to the check of their rule's practice; project rules become notes", () => {
  const report = buildReport(syntheticResult(), ["app/settings.py", ".env", "deploy dir/Procfile"]);
  const [section] = report.projects;
  assert.deepEqual(statuses(section), {
    environment: "failed",
    storage: "failed",
    debug: "passed",
    logging: "failed",
    server: "failed",
    "deploy-checks": "passed",
    "env-files": "failed",
  });
  assert.deepEqual(section?.notes.map((f) => f.rule), ["DJP002"]);
  assert.equal(section?.summary, "2 of 7 checks pass");
  assert.equal(check(section, "environment").findings[0]?.title, "Hard-coded SECRET_KEY");
  assert.deepEqual(report.problems, [{ file: "big.py", message: "larger than 5 MB" }]);
});

test("markdown links each finding to file#Lline relative to the root and escapes the message", () => {
  const markdown = renderMarkdown(buildReport(syntheticResult(), [".env"]));
  assert.ok(markdown.includes("[app/settings.py:3](app/settings.py#L3)"), markdown);
  assert.ok(markdown.includes("[deploy dir/Procfile:1](deploy%20dir/Procfile#L1)"));
  assert.ok(markdown.includes("runserver \\[starts\\] the \\*app\\*."));
  assert.ok(markdown.includes("SECRET_KEY is a hard-coded literal \\<script\\>"), "in-word underscores stay, HTML is escaped");
  assert.match(markdown, /\*\*2 of 7 checks pass\.\*\*/);
  assert.match(markdown, /- ✅ \*\*DEBUG is off\*\* — passed/);
  assert.match(markdown, /- ❌ \*\*Env files\*\* — failed \(1 finding\)/);
  assert.ok(markdown.includes("- `app.settings` (app/settings.py) — single"));
});

test("html is one self-contained page with every text escaped", () => {
  const html = renderHtml(buildReport(syntheticResult(), [".env"]));
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.ok(!html.includes("<script>"), "no raw script from a message");
  assert.ok(html.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
  assert.ok(html.includes('<a href="app/settings.py#L3">app/settings.py:3</a>'));
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, "no external asset");
  assert.doesNotMatch(html, /<link|<script/);
});

test("a project where everything passes says so", () => {
  const clean: AnalysisResult = { ...syntheticResult(), findings: [], problems: [] };
  const [section] = buildReport(clean, ["app/settings.py"]).projects;
  assert.equal(section?.summary, "6 of 6 checks pass (1 not applicable)");
  assert.equal(section?.verdict, "Ready for production: every applicable check passes.");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog, practiceTitles, productExtensions, ruleMeta } from "../../server/src/analysis/rules/catalog";
import type { Practice, Severity } from "../../server/src/analysis/types";

const repoRoot = path.resolve(__dirname, "../..");
const rulesMd = path.resolve(repoRoot, "../shared/RULES.md");
const docsDir = path.join(repoRoot, "docs/rules");

const severities: readonly Severity[] = ["error", "warning", "information", "hint"];

function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

/** Every id of RULES.md's tables with its default severity; ranges (`DJP310–DJP322`) expanded. */
function parseRules(text: string): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\|\s*DJP(\d{3})(?:\s*[–-]\s*DJP(\d{3}))?\s*\|\s*([a-z]+)/.exec(line);
    if (!m) continue;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    const severity = m[3];
    assert.ok(severity !== undefined && isSeverity(severity), `unknown severity in: ${line}`);
    for (let n = first; n <= last; n++) out.set(`DJP${String(n).padStart(3, "0")}`, severity);
  }
  return out;
}

function practiceOf(id: string): Practice {
  const n = Number(id.slice(3));
  if (n < 100) return "project";
  if (n < 200) return "environment";
  if (n < 300) return "storage";
  if (n < 310) return "debug";
  if (n < 400) return "deploy-checks";
  if (n < 500) return "logging";
  if (n < 600) return "server";
  return "env-files";
}

test("every rule of RULES.md is in the catalogue with its default severity", (t) => {
  if (!fs.existsSync(rulesMd)) {
    console.log("skipped: ../shared/RULES.md not present");
    t.skip("../shared/RULES.md not present");
    return;
  }
  const rules = parseRules(fs.readFileSync(rulesMd, "utf8"));
  assert.ok(rules.size >= 40, `parsed only ${rules.size} ids from RULES.md`);
  for (const n of [310, 316, 322]) assert.equal(rules.get(`DJP${n}`), "information");
  assert.equal(rules.get("DJP607"), "hint");
  for (const [id, severity] of rules) {
    const meta = ruleMeta(id);
    assert.ok(meta, `${id} missing from the catalogue`);
    assert.equal(meta.severity, severity, `${id} default severity`);
  }
  // Everything else in the catalogue is a declared product extension.
  for (const meta of catalog) {
    if (!rules.has(meta.id)) assert.ok(productExtensions.has(meta.id), `${meta.id} is neither in RULES.md nor an extension`);
  }
});

test("catalogue entries are well-formed", () => {
  const seen = new Set<string>();
  for (const meta of catalog) {
    assert.match(meta.id, /^DJP\d{3}$/);
    assert.ok(!seen.has(meta.id), `${meta.id} listed twice`);
    seen.add(meta.id);
    assert.equal(meta.practice, practiceOf(meta.id), `${meta.id} practice`);
    assert.ok(meta.title.length > 0 && !meta.title.includes("\n"), `${meta.id} title is one line`);
    assert.ok(!meta.title.endsWith("."), `${meta.id} title ends with a period`);
    assert.equal(meta.title, meta.title.trim(), `${meta.id} title has stray whitespace`);
    assert.equal(ruleMeta(meta.id), meta);
  }
  assert.equal(ruleMeta("DJP999"), undefined);
  assert.equal(ruleMeta("DJP002")?.severity, "hint");
  assert.equal(ruleMeta("DJP003")?.severity, "information");
  for (const practice of new Set(catalog.map((m) => m.practice))) {
    assert.ok(practiceTitles[practice].length > 0);
  }
});

test("every catalogue id has a docs page whose first line names it", () => {
  for (const meta of catalog) {
    const page = path.join(docsDir, `${meta.id}.md`);
    assert.ok(fs.existsSync(page), `docs/rules/${meta.id}.md missing`);
    const firstLine = fs.readFileSync(page, "utf8").split(/\r?\n/, 1)[0] ?? "";
    assert.ok(firstLine.startsWith(`# ${meta.id}`), `docs/rules/${meta.id}.md first line: ${firstLine}`);
    assert.equal(firstLine, `# ${meta.id} — ${meta.title}`, `docs/rules/${meta.id}.md heading matches the catalogue title`);
  }
  const index = fs.readFileSync(path.join(docsDir, "README.md"), "utf8");
  for (const meta of catalog) assert.ok(index.includes(`(${meta.id}.md)`), `docs/rules/README.md links ${meta.id}`);
});

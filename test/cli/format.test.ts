// The output formats over hand-made findings: exact JSON keys, SARIF structure, text lines and summary.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { catalog } from "../../server/src/analysis/rules/catalog";
import { formatJson } from "../../server/src/cli/format/json";
import type { CheckOutput } from "../../server/src/cli/format/model";
import { toSarif } from "../../server/src/cli/format/sarif";
import { formatText, summaryLine } from "../../server/src/cli/format/text";
import { envFileFix, extractFix, finding } from "./fixtures";

const output: CheckOutput = {
  root: "/srv/my project",
  version: "9.8.7",
  skipped: [],
  findings: [
    finding("mysite/settings.py", 2, 13, "error", "DJP101", [extractFix]),
    finding("mysite/settings.py", 7, 0, "warning", "DJP401"),
    finding("deploy/Procfile", 0, 5, "information", "DJP106", [{ ...extractFix, safe: false }]),
    finding("static/a b#c.py", 3, 1, "hint", "DJP607", [envFileFix]),
  ],
};

describe("json", () => {
  const parsed = JSON.parse(formatJson(output)) as Record<string, unknown> & { findings: Record<string, unknown>[] };

  test("has exactly version, root and findings", () => {
    assert.deepEqual(Object.keys(parsed), ["version", "root", "findings"]);
    assert.equal(parsed.version, 1);
    assert.equal(parsed.root, "/srv/my project");
  });

  test("each finding has exactly the contract's keys, 1-based", () => {
    assert.deepEqual(parsed.findings[0], {
      rule: "DJP101",
      severity: "error",
      file: "mysite/settings.py",
      line: 3,
      column: 14,
      endLine: 3,
      endColumn: 19,
      message: "DJP101 message",
      fixable: true,
    });
  });

  test("fixable means a safe fix exists", () => {
    assert.deepEqual(
      parsed.findings.map((f) => f.fixable),
      [true, false, false, true],
    );
  });
});

describe("sarif", () => {
  const log = toSarif(output);
  const run = log.runs[0];
  assert.ok(run);

  test("is SARIF 2.1.0 with one run from django-ready", () => {
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, "django-ready");
    assert.equal(run.tool.driver.version, "9.8.7");
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
  });

  test("lists every catalogue rule with its level and help", () => {
    assert.deepEqual(
      run.tool.driver.rules.map((r) => r.id),
      catalog.map((m) => m.id),
    );
    const levels = { error: "error", warning: "warning", information: "note", hint: "note" } as const;
    for (const [i, meta] of catalog.entries()) {
      const rule = run.tool.driver.rules[i];
      assert.equal(rule?.defaultConfiguration.level, levels[meta.severity]);
      assert.equal(rule?.shortDescription.text, meta.title);
      assert.match(rule?.helpUri ?? "", new RegExp(`${meta.id}\\.md$`));
      assert.match(rule?.name ?? "", /^[A-Z][A-Za-z0-9]*$/);
    }
  });

  test("results point at their rule by id and index, with mapped levels", () => {
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.level]),
      [
        ["DJP101", "error"],
        ["DJP401", "warning"],
        ["DJP106", "note"],
        ["DJP607", "note"],
      ],
    );
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
  });

  test("locations are relative to %SRCROOT%, percent-encoded, 1-based", () => {
    const location = run.results[3]?.locations[0]?.physicalLocation;
    assert.deepEqual(location?.artifactLocation, { uri: "static/a%20b%23c.py", uriBaseId: "%SRCROOT%" });
    assert.deepEqual(location?.region, { startLine: 4, startColumn: 2, endLine: 4, endColumn: 7 });
    assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, "file:///srv/my%20project/");
  });

  test("fixes carry replacements; fixes writing env files are left out (they hold the values)", () => {
    assert.deepEqual(run.results[0]?.fixes, [
      {
        description: { text: "Read SECRET_KEY from the environment" },
        artifactChanges: [
          {
            artifactLocation: { uri: "mysite/settings.py", uriBaseId: "%SRCROOT%" },
            replacements: [
              {
                deletedRegion: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 21 },
                insertedContent: { text: 'os.environ.get("SECRET_KEY")' },
              },
            ],
          },
        ],
      },
    ]);
    assert.equal(run.results[1]?.fixes, undefined);
    assert.equal(run.results[3]?.fixes, undefined);
  });

  test("a rule missing from the catalogue still gets a descriptor", () => {
    const other = toSarif({ ...output, findings: [finding("a.py", 0, 0, "warning", "DJP999")] }).runs[0];
    const result = other?.results[0];
    assert.equal(other?.tool.driver.rules[result?.ruleIndex ?? -1]?.id, "DJP999");
  });

  test("skipped files are notifications and mark the run unsuccessful", () => {
    const skipped = toSarif({ ...output, skipped: [{ file: "big.py", reason: "binary file" }] }).runs[0]?.invocations[0];
    assert.equal(skipped?.executionSuccessful, false);
    assert.equal(skipped?.toolExecutionNotifications[0]?.message.text, "skipped big.py: binary file");
    assert.equal(run.invocations[0]?.executionSuccessful, true);
  });
});

describe("text", () => {
  test("one line per finding, then the summary", () => {
    const text = formatText(output, { color: false, displayPath: (f) => `proj/${f}` });
    assert.equal(
      text,
      [
        "proj/mysite/settings.py:3:14: error DJP101 DJP101 message",
        "proj/mysite/settings.py:8:1: warning DJP401 DJP401 message",
        "proj/deploy/Procfile:1:6: information DJP106 DJP106 message",
        "proj/static/a b#c.py:4:2: hint DJP607 DJP607 message",
        "",
        "1 error, 1 warning, 1 information, 1 hint in 3 files",
        "",
      ].join("\n"),
    );
  });

  test("colours only when asked", () => {
    const plain = formatText(output, { color: false, displayPath: (f) => f });
    const coloured = formatText(output, { color: true, displayPath: (f) => f });
    assert.ok(!plain.includes("\u001b["));
    assert.ok(coloured.includes("\u001b[31merror\u001b[0m"));
  });

  test("summary counts and plurals", () => {
    assert.equal(summaryLine([]), "No problems found");
    const many = [finding("a.py", 0, 0), finding("a.py", 1, 0), finding("b.py", 0, 0, "warning")];
    assert.equal(summaryLine(many), "2 errors, 1 warning in 2 files");
    assert.equal(summaryLine([finding("a.py", 0, 0, "information")]), "1 information in 1 file");
  });

  test("no findings: only the summary", () => {
    assert.equal(formatText({ ...output, findings: [] }, { color: false, displayPath: (f) => f }), "No problems found\n");
  });
});

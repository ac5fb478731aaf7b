// Command-line parsing and the [tool.django-ready] configuration, as data.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseInvocation, UsageError } from "../../server/src/cli/args";
import { ConfigError, mergeSettings, parseFileSettings } from "../../server/src/cli/config";

describe("parseInvocation", () => {
  test("check defaults", () => {
    assert.deepEqual(parseInvocation(["check"]), {
      kind: "check",
      options: { paths: [], format: "text", fix: false, production: [], failOn: "error", exclude: [] },
    });
  });

  test("check with every flag, repeatable ones collected, --x=y accepted", () => {
    const parsed = parseInvocation([
      "check", "a", "b/settings.py", "--format=sarif", "--fix", "--production", "mysite.settings.prod",
      "--production", "other.settings", "--fail-on", "warning", "--exclude", "legacy/**",
    ]);
    assert.deepEqual(parsed, {
      kind: "check",
      options: {
        paths: ["a", "b/settings.py"],
        format: "sarif",
        fix: true,
        production: ["mysite.settings.prod", "other.settings"],
        failOn: "warning",
        exclude: ["legacy/**"],
      },
    });
  });

  test("help, version and report", () => {
    assert.deepEqual(parseInvocation(["-h"]), { kind: "help" });
    assert.deepEqual(parseInvocation(["--version"]), { kind: "version" });
    assert.deepEqual(parseInvocation(["check", "--help"]), { kind: "help", command: "check" });
    assert.deepEqual(parseInvocation(["report", "x", "--format", "html"]), { kind: "report", options: { path: "x", format: "html" } });
  });

  test("mistakes are UsageErrors naming the command", () => {
    for (const argv of [["check", "--nope"], ["check", "--fail-on", "hint"], ["report", "a", "b"], ["--nope"], ["frobnicate"]]) {
      assert.throws(() => parseInvocation(argv), UsageError, argv.join(" "));
    }
    assert.throws(() => parseInvocation(["check", "--nope"]), (e: unknown) => e instanceof UsageError && e.command === "check");
  });
});

describe("[tool.django-ready]", () => {
  test("reads production-settings (string or list), rules and exclude", () => {
    const settings = parseFileSettings(`
[tool.django-ready]
production-settings = "mysite.settings.prod"
exclude = ["legacy/**"]
rules = { DJP106 = "off", DJP401 = "error" }
`);
    assert.deepEqual(settings, {
      productionSettings: ["mysite.settings.prod"],
      rules: { DJP106: "off", DJP401: "error" },
      exclude: ["legacy/**"],
    });
  });

  test("a pyproject.toml without the section gives nothing", () => {
    assert.deepEqual(parseFileSettings('[project]\nname = "x"\n'), { productionSettings: undefined, rules: {}, exclude: [] });
  });

  test("invalid values are ConfigErrors", () => {
    for (const text of [
      "[tool.django-ready]\nrules = { DJP101 = 'loud' }",
      "[tool.django-ready]\nrules = { SECRET = 'off' }",
      "[tool.django-ready]\nexclude = [1]",
      "[tool.django-ready]\nproduction-settings = 3",
      "not toml at all = = =",
    ]) {
      assert.throws(() => parseFileSettings(text), ConfigError, text);
    }
  });

  test("--production replaces the file's list; --exclude adds to it", () => {
    const file = { productionSettings: ["a.settings"], rules: { DJP101: "warning" as const }, exclude: ["x/"] };
    assert.deepEqual(mergeSettings(file, { production: [], exclude: [] }), {
      config: { productionSettings: ["a.settings"], rules: { DJP101: "warning" } },
      exclude: ["x/"],
    });
    assert.deepEqual(mergeSettings(file, { production: ["b.settings"], exclude: ["y/"] }), {
      config: { productionSettings: ["b.settings"], rules: { DJP101: "warning" } },
      exclude: ["x/", "y/"],
    });
  });
});

describe("parseInvocation: adoption commands", () => {
  test("baseline, history, check --baseline, report --history", () => {
    assert.deepEqual(parseInvocation(["baseline"]), { kind: "baseline", options: { path: undefined, output: undefined } });
    assert.deepEqual(parseInvocation(["baseline", "site", "-o", "b.json"]), { kind: "baseline", options: { path: "site", output: "b.json" } });
    assert.deepEqual(parseInvocation(["history", "site", "--since", "v1.0", "--format", "sarif"]), {
      kind: "history",
      options: { path: "site", since: "v1.0", format: "sarif" },
    });
    assert.deepEqual(parseInvocation(["check", "--baseline", "b.json"]), {
      kind: "check",
      options: { paths: [], format: "text", fix: false, production: [], failOn: "error", exclude: [], baseline: "b.json" },
    });
    assert.deepEqual(parseInvocation(["report", "--history"]), { kind: "report", options: { path: undefined, format: "markdown", history: true } });
  });

  test("mistakes are UsageErrors naming the command", () => {
    for (const [argv, command] of [
      [["history", "--since", "-x"], "history"],
      [["history", "--format", "html"], "history"],
      [["history", "a", "b"], "history"],
      [["baseline", "a", "b"], "baseline"],
      [["baseline", "--output"], "baseline"],
    ] as const) {
      assert.throws(() => parseInvocation(argv), (e: unknown) => e instanceof UsageError && e.command === command, argv.join(" "));
    }
  });
});

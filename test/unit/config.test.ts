// [tool.django-ready] of pyproject.toml, parsed by the core, and its merge under editor settings / CLI flags.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mergeConfig } from "../../server/src/analysis/config/layer";
import { ConfigError, parsePyprojectSettings } from "../../server/src/analysis/config/pyproject";
import { createExcludeMatcher, expandBraces } from "../../server/src/lsp/exclude";
import { resolveRootSettings } from "../../server/src/lsp/rootSettings";
import { editorSettingsFrom } from "../../server/src/lsp/settings";

const section = (body: string) => `[project]\nname = "x"\n\n[tool.django-ready]\n${body}\n`;

function configError(text: string): string {
  try {
    parsePyprojectSettings(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error.message;
  }
  assert.fail(`no error for ${text}`);
}

describe("parsePyprojectSettings", () => {
  test("reads every key, in both table styles", () => {
    const text = section('production-settings = ["mysite.settings.prod", "deploy/eu.py"]\nexclude = ["legacy/", "*.bak"]\n\n[tool.django-ready.rules]\nDJP106 = "off"\nDJP404 = "error"');
    assert.deepEqual(parsePyprojectSettings(text), {
      productionSettings: ["mysite.settings.prod", "deploy/eu.py"],
      rules: { DJP106: "off", DJP404: "error" },
      exclude: ["legacy/", "*.bak"],
    });
    const inline = section('rules = { DJP301 = "hint", DJP101 = "information", DJP201 = "warning" }');
    assert.deepEqual(parsePyprojectSettings(inline).rules, { DJP301: "hint", DJP101: "information", DJP201: "warning" });
  });

  test("a single string stands for a list of one", () => {
    const settings = parsePyprojectSettings(section('production-settings = "mysite.settings"\nexclude = "legacy/"'));
    assert.deepEqual(settings.productionSettings, ["mysite.settings"]);
    assert.deepEqual(settings.exclude, ["legacy/"]);
  });

  test("no section, or no pyproject keys, sets nothing", () => {
    const empty = { productionSettings: undefined, rules: {}, exclude: [] };
    assert.deepEqual(parsePyprojectSettings('[project]\nname = "x"\n'), empty);
    assert.deepEqual(parsePyprojectSettings("[tool.ruff]\nline-length = 100\n"), empty);
    assert.deepEqual(parsePyprojectSettings(""), empty);
  });

  test("bad types and values name the key and what was expected", () => {
    assert.equal(configError(section("production-settings = 3")), "production-settings must be a string or a list of strings, not a number");
    assert.equal(configError(section('exclude = ["a/", 1]')), "exclude must be a string or a list of strings, not a list");
    assert.equal(configError(section('rules = ["DJP101"]')), "rules must be a table of rule id = severity, not a list");
    assert.equal(configError(section('rules = { DJP101 = "loud" }')), "rules.DJP101 must be one of error, warning, information, hint, off");
    assert.equal(configError(section('rules = { DJP101 = true }')), "rules.DJP101 must be one of error, warning, information, hint, off");
    assert.equal(configError(section('rules = { SECRET_KEY = "off" }')), "rules: 'SECRET_KEY' is not a rule id (DJPnnn)");
    assert.equal(configError('[tool]\ndjango-ready = "on"\n'), "[tool.django-ready] must be a table, not a string");
    assert.equal(
      configError(section('production_settings = ["a.prod"]')),
      "[tool.django-ready]: unknown key 'production_settings' (known: production-settings, rules, exclude, baseline)",
    );
  });

  test("text that is not TOML says so with the parser's first line", () => {
    assert.match(configError("not toml at all = = ="), /^not valid TOML: .+/);
    assert.doesNotMatch(configError("not toml at all = = ="), /\n/);
  });
});

describe("mergeConfig", () => {
  const pyproject = { productionSettings: ["a.prod"], rules: { DJP101: "warning" as const, DJP404: "off" as const }, exclude: ["legacy/"] };

  test("without overrides the file's settings apply", () => {
    assert.deepEqual(mergeConfig(pyproject, {}), {
      config: { productionSettings: ["a.prod"], rules: { DJP101: "warning", DJP404: "off" } },
      exclude: ["legacy/"],
    });
  });

  test("overrides win where both set something: production list, per-rule severity; excludes add up", () => {
    const merged = mergeConfig(pyproject, { productionSettings: ["b.prod"], rules: { DJP101: "off", DJP301: "hint" }, exclude: ["tools/"] });
    assert.deepEqual(merged, {
      config: { productionSettings: ["b.prod"], rules: { DJP101: "off", DJP404: "off", DJP301: "hint" } },
      exclude: ["legacy/", "tools/"],
    });
  });

  test("an empty override list (the settings' default) does not hide the file's production modules", () => {
    assert.deepEqual(mergeConfig(pyproject, { productionSettings: [] }).config.productionSettings, ["a.prod"]);
    assert.deepEqual(mergeConfig({}, {}).config, { productionSettings: [], rules: {} });
  });
});

describe("resolveRootSettings (the server's view of a root)", () => {
  const pyproject = section('production-settings = "a.prod"\nexclude = ["legacy/"]\nrules = { DJP303 = "error", DJP401 = "off" }');

  test("editor settings override pyproject.toml; files.exclude joins the excludes; run mode comes from the editor", () => {
    const editor = editorSettingsFrom({ rules: { DJP303: "information" }, exclude: ["tools/"], run: "onSave", filesExclude: ["**/.git"] });
    assert.deepEqual(resolveRootSettings(pyproject, editor), {
      settings: {
        config: { productionSettings: ["a.prod"], rules: { DJP303: "information", DJP401: "off" } },
        exclude: ["legacy/", "tools/", "**/.git"],
        run: "onSave",
        baselinedFindings: "hint",
      },
    });
  });

  test("an invalid pyproject.toml is reported and left out; the editor's settings still apply", () => {
    const resolved = resolveRootSettings(section('rules = { DJP303 = "loud" }'), editorSettingsFrom({ rules: { DJP101: "off" } }));
    assert.equal(resolved.error, "pyproject.toml: rules.DJP303 must be one of error, warning, information, hint, off");
    assert.deepEqual(resolved.settings.config.rules, { DJP101: "off" });
  });

  test("no pyproject.toml: the editor's settings alone", () => {
    const resolved = resolveRootSettings(undefined, editorSettingsFrom(null));
    assert.deepEqual(resolved, { settings: { config: { productionSettings: [], rules: {} }, exclude: [], run: "onType", baselinedFindings: "hint" } });
  });

  test("baseline: the editor's path replaces pyproject's; baselinedFindings is hint unless hide", () => {
    const file = section('baseline = "ci/baseline.json"');
    assert.equal(resolveRootSettings(file, editorSettingsFrom({})).settings.baseline, "ci/baseline.json");
    const editor = editorSettingsFrom({ baseline: " .django-ready-baseline.json ", baselinedFindings: "hide" });
    assert.deepEqual(
      { baseline: resolveRootSettings(file, editor).settings.baseline, shown: resolveRootSettings(file, editor).settings.baselinedFindings },
      { baseline: ".django-ready-baseline.json", shown: "hide" },
    );
    assert.equal(editorSettingsFrom({ baseline: "", baselinedFindings: "loud" }).baselinedFindings, "hint");
    assert.equal(editorSettingsFrom({ baseline: "" }).layer.baseline, undefined);
  });

  test("pyproject's baseline must be a non-empty string", () => {
    assert.throws(() => parsePyprojectSettings('[tool.django-ready]\nbaseline = 3\n'), /baseline must be a path \(a non-empty string\), not a number/);
    assert.deepEqual(parsePyprojectSettings('[tool.django-ready]\nbaseline = "b.json"\n').baseline, "b.json");
  });
});

describe("exclude globs", () => {
  test("gitignore-style globs leave folders and files out; VS Code's braces are expanded", () => {
    const excluded = createExcludeMatcher(["legacy/", "**/.git", "**/*.{bak,orig}"]);
    assert.deepEqual(
      ["legacy/settings.py", "a/legacy/x.py", "mysite/settings.py", "x/.git/config", "a/settings.py.bak", "b.orig", "b.origin"].filter(excluded),
      ["legacy/settings.py", "a/legacy/x.py", "x/.git/config", "a/settings.py.bak", "b.orig"],
    );
    assert.deepEqual(expandBraces("{a,b}/*.{x,y}"), ["a/*.x", "a/*.y", "b/*.x", "b/*.y"]);
  });
});

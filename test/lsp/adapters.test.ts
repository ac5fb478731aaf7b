// The LSP layer's pure pieces, in process: URI mapping, the overlay, settings, the diagnostics diff, coalescing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "vscode-languageserver/node";
import { DiagnosticTag } from "vscode-languageserver/node";
import type { FileAccess, Finding } from "../../server/src/analysis/types";
import { Coalescer } from "../../server/src/lsp/coalescer";
import { diagnosticsByFile, toDiagnostic } from "../../server/src/lsp/diagnostics";
import { guard } from "../../server/src/lsp/guard";
import { createOverlayFileAccess } from "../../server/src/lsp/overlay";
import { DiagnosticsPublisher } from "../../server/src/lsp/publisher";
import { editorSettingsFrom } from "../../server/src/lsp/settings";
import { fsPathToUri, relativeToRoot, uriToFsPath } from "../../server/src/lsp/uris";

const finding = (file: string, rule: Finding["rule"] = "DJP301"): Finding => ({
  rule,
  severity: "error",
  file,
  range: { start: { line: 6, column: 8 }, end: { line: 6, column: 12 } },
  message: "DEBUG is True in deployed settings.",
});

describe("uris", () => {
  it("maps file URIs to root-relative POSIX paths and rejects everything else", () => {
    const path = uriToFsPath("file:///work/my%20site/mysite/settings.py");
    assert.equal(path, "/work/my site/mysite/settings.py");
    assert.equal(relativeToRoot("/work/my site", path!), "mysite/settings.py");
    assert.equal(relativeToRoot("/work/my site", "/work/other/settings.py"), undefined);
    assert.equal(relativeToRoot("/work/my site", "/work/my site"), undefined);
    assert.equal(relativeToRoot("/work", "/work/..hidden/x.py"), "..hidden/x.py");
    assert.equal(uriToFsPath("untitled:Untitled-1"), undefined);
    assert.equal(uriToFsPath("file://remote-host/share/x.py"), undefined);
    assert.equal(fsPathToUri("/work/my site/a.py"), "file:///work/my%20site/a.py");
  });
});

describe("overlay", () => {
  const disk: FileAccess = {
    files: () => ["a.py", "b.py"],
    read: (path) => (path === "a.py" ? "A = 1" : undefined),
    unreadableReason: (path) => (path === "b.py" ? "binary" : undefined),
    gitStatus: () => "tracked",
  };

  it("serves open documents' texts over the disk's, keeping the disk's file list", () => {
    const overlay = createOverlayFileAccess(disk, new Map([["b.py", { getText: () => "B = 2" }]]));
    assert.deepEqual(overlay.files(), ["a.py", "b.py"]);
    assert.equal(overlay.read("a.py"), "A = 1");
    assert.equal(overlay.read("b.py"), "B = 2");
    assert.equal(overlay.unreadableReason?.("b.py"), undefined);
    assert.equal(overlay.gitStatus?.("a.py"), "tracked");
  });

  it("skips an open document over the size limit, saying why (the engine then reports DJP003)", () => {
    const overlay = createOverlayFileAccess(disk, new Map([["b.py", { getText: () => "B = 2\n".repeat(10) }]]), 20);
    assert.equal(overlay.read("b.py"), undefined);
    assert.match(overlay.unreadableReason?.("b.py") ?? "", /^larger than/);
  });
});

describe("settings", () => {
  it("keeps valid productionSettings, rule severities, excludes and run mode, drops the rest", () => {
    const settings = editorSettingsFrom({
      productionSettings: ["a.prod", 3],
      rules: { DJP301: "off", DJP101: "loud" },
      exclude: ["legacy/", false],
      run: "onSave",
      filesExclude: ["**/.git"],
    });
    assert.deepEqual(settings, {
      layer: { productionSettings: ["a.prod"], rules: { DJP301: "off" }, exclude: ["legacy/"] },
      run: "onSave",
      filesExclude: ["**/.git"],
      baselinedFindings: "hint",
    });
    assert.equal(editorSettingsFrom({ run: "sometimes" }).run, "onType");
    assert.deepEqual(editorSettingsFrom(null), { layer: {}, run: "onType", filesExclude: [], baselinedFindings: "hint" });
  });
});

describe("diagnostics", () => {
  it("carries source, code, help link, fixes and the faded tag", () => {
    const diagnostic = toDiagnostic({ ...finding("a.py", "DJP607"), unnecessary: true, severity: "hint" });
    assert.equal(diagnostic.source, "django-ready");
    assert.equal(diagnostic.code, "DJP607");
    assert.equal(diagnostic.codeDescription?.href, "https://github.com/django-ready/django-ready/blob/main/docs/rules/DJP607.md");
    assert.deepEqual(diagnostic.tags, [DiagnosticTag.Unnecessary]);
    assert.deepEqual(diagnostic.data, { id: "DJP607@6:8-6:12#0" });
    assert.deepEqual(diagnostic.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 12 } });
    assert.equal(toDiagnostic(finding("a.py")).tags, undefined);
  });

  it("groups findings by file", () => {
    const grouped = diagnosticsByFile([finding("a.py"), finding("b.py"), finding("a.py", "DJP303")]);
    assert.deepEqual([...grouped.keys()], ["a.py", "b.py"]);
    assert.deepEqual(grouped.get("a.py")!.map((d) => d.code), ["DJP301", "DJP303"]);
  });
});

describe("publisher", () => {
  const one = [toDiagnostic(finding("a.py"))];

  it("sends only what changed and an empty array for files whose findings are gone", () => {
    const sent: [string, Diagnostic[]][] = [];
    const publisher = new DiagnosticsPublisher((uri, diagnostics) => sent.push([uri, diagnostics]));
    publisher.replace("root", new Map([["file:///a.py", one], ["file:///b.py", one]]));
    assert.equal(sent.length, 2);
    sent.length = 0;
    publisher.replace("root", new Map([["file:///a.py", one]]));
    assert.deepEqual(sent, [["file:///b.py", []]]);
    sent.length = 0;
    publisher.clear("root");
    assert.deepEqual(sent, [["file:///a.py", []]]);
  });

  it("keeps owners apart", () => {
    const sent: string[] = [];
    const publisher = new DiagnosticsPublisher((uri) => sent.push(uri));
    publisher.replace("one", new Map([["file:///one/a.py", one]]));
    publisher.replace("two", new Map());
    assert.deepEqual(sent, ["file:///one/a.py"]);
  });
});

describe("coalescer", () => {
  it("runs once per key for requests arriving before its timer fires", async () => {
    const runs: string[] = [];
    const done = new Promise<void>((resolve) => {
      const coalescer = new Coalescer<string>(1, (key) => {
        runs.push(key);
        if (runs.length === 2) resolve();
      });
      coalescer.schedule("a");
      coalescer.schedule("b");
      coalescer.schedule("a");
    });
    await done;
    assert.deepEqual(runs, ["a", "b"]);
  });

  it("with no delay, runs once per key for requests made in the same turn of the event loop, and not before", async () => {
    const runs: string[] = [];
    const coalescer = new Coalescer<string>(0, (key) => runs.push(key));
    coalescer.schedule("a");
    coalescer.schedule("a");
    coalescer.schedule("b");
    assert.deepEqual(runs, []);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runs, ["a", "b"]);
    coalescer.schedule("c");
    coalescer.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runs, ["a", "b"]);
  });

  it("flush runs pending work at once", () => {
    const runs: string[] = [];
    const coalescer = new Coalescer<string>(1000, (key) => runs.push(key));
    coalescer.schedule("a");
    coalescer.flush();
    assert.deepEqual(runs, ["a"]);
    coalescer.dispose();
  });
});

describe("guard", () => {
  it("logs one line for a throwing or rejecting handler instead of throwing", async () => {
    const lines: string[] = [];
    guard((line) => lines.push(line), "didChange", () => {
      throw new TypeError("boom\nsecond line");
    })();
    await new Promise<void>((resolve) => {
      guard((line) => (lines.push(line), resolve()), "didOpen", () => Promise.reject(new Error("async boom")))();
    });
    assert.deepEqual(lines, ["didChange failed: TypeError: boom", "didOpen failed: Error: async boom"]);
  });
});

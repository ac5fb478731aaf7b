// `npm run package` builds a .vsix that ships only what the installed extension needs.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { packageVsix } from "./packageVsix";
import { listZipEntries, type ZipEntry } from "./zipEntries";

const maxVsixBytes = 3 * 1024 * 1024;

describe("npm run package", () => {
  const dir = mkdtempSync(join(tmpdir(), "djready-vsix-"));
  const vsix = join(dir, "django-ready.vsix");
  let entries: ZipEntry[] = [];
  let names: string[] = [];

  before(() => {
    const result = packageVsix(vsix);
    assert.equal(result.status, 0, `npm run package failed:\n${result.output}`);
    entries = listZipEntries(vsix);
    names = entries.map((entry) => entry.name);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("ships the manifest, the readme, the changelog, the licence, the bundles and the parsers", () => {
    for (const name of [
      "extension.vsixmanifest",
      "extension/package.json",
      "extension/readme.md",
      "extension/changelog.md",
      "extension/LICENSE.txt",
      "extension/dist/client.js",
      "extension/dist/server.js",
      "extension/dist/cli.js",
      "extension/dist/tree-sitter.wasm",
      "extension/dist/tree-sitter-python.wasm",
      "extension/syntaxes/dotenv.tmLanguage.json",
      "extension/syntaxes/dotenv.language-configuration.json",
      "extension/docs/rules/DJP101.md",
    ]) {
      assert.ok(names.includes(name), `${name} is missing from the .vsix: ${names.join(", ")}`);
    }
  });

  test("ships nothing but dist/, docs/, syntaxes/ and the top-level files", () => {
    const allowedTopLevel = new Set(["package.json", "readme.md", "changelog.md", "LICENSE.txt"]);
    const unexpected = names
      .filter((name) => name.startsWith("extension/"))
      .map((name) => name.slice("extension/".length))
      .filter((name) => !allowedTopLevel.has(name) && !/^(dist|docs|syntaxes)\//.test(name));
    assert.deepEqual(unexpected, []);
  });

  test("ships no sources, sourcemaps, tests, dependencies or env files", () => {
    const forbidden = names.filter((name) =>
      /(^|\/)(src|node_modules|test|examples|\.ci)\//.test(name) || /\.(map|ts)$/.test(name) || /(^|\/)\.env/.test(name),
    );
    assert.deepEqual(forbidden, []);
  });

  test("dist/ holds only JavaScript bundles, wasm and the bundles' V8 code caches", () => {
    const dist = names.filter((name) => name.startsWith("extension/dist/"));
    assert.deepEqual(dist.filter((name) => !/\.(js|wasm)$/.test(name) && !/\/(cli-main|server-main|server-worker)\.cache$/.test(name)), []);
    for (const cache of ["cli-main", "server-main", "server-worker"]) assert.ok(names.includes(`extension/dist/${cache}.cache`), `${cache}.cache ships`);
  });

  test(`is at most ${maxVsixBytes} bytes`, () => {
    const size = statSync(vsix).size;
    assert.ok(size <= maxVsixBytes, `the .vsix is ${size} bytes`);
  });
});

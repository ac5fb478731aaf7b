// The stand-in VS Code executable (test/vscode/codeServerExecutable.ts) reads the command line that
// @vscode/test-electron's runTests builds, and hands the test locations to code-server's workbench.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseArguments, workbenchUrl } from "../vscode/codeServerExecutable";

/** What runTests passes: launchArgs first, then its own flags, the test locations with `=`. */
const runTestsArgs = [
  "/tmp/w/single",
  "--disable-extensions",
  "--user-data-dir",
  "/tmp/w/user-data",
  "--extensions-dir",
  "/tmp/w/extensions",
  "--no-sandbox",
  "--disable-gpu-sandbox",
  "--disable-updates",
  "--skip-welcome",
  "--skip-release-notes",
  "--disable-workspace-trust",
  "--extensionTestsPath=/repo/.vscode-test/suite-out/index.js",
  "--extensionDevelopmentPath=/repo",
];

test("reads the folder, the test locations and the profile from runTests' command line", () => {
  assert.deepEqual(parseArguments(runTestsArgs), {
    folder: "/tmp/w/single",
    extensionDevelopmentPaths: ["/repo"],
    extensionTestsPath: "/repo/.vscode-test/suite-out/index.js",
    userDataDir: "/tmp/w/user-data",
    extensionsDir: "/tmp/w/extensions",
  });
});

test("the workbench URL opens the folder and carries the test locations as remote URIs in its payload", () => {
  const url = new URL(workbenchUrl("http://127.0.0.1:4321/", parseArguments(runTestsArgs)));
  assert.equal(url.searchParams.get("folder"), "/tmp/w/single");
  assert.deepEqual(JSON.parse(url.searchParams.get("payload") ?? "null"), [
    ["extensionDevelopmentPath", "vscode-remote://127.0.0.1:4321/repo"],
    ["extensionTestsPath", "vscode-remote://127.0.0.1:4321/repo/.vscode-test/suite-out/index.js"],
  ]);
});

// Runs every *.test.ts under the given folders with Node's test runner (Node 20 does not expand globs itself),
// after provisioning the pinned Python oracles those tests compare against (built once in .cache/oracles).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const folders = process.argv.slice(2).length ? process.argv.slice(2) : ["test/unit", "test/cli", "test/lsp", "test/conformance", "test/nvim", "test/security"];

function collect(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : collect(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = folders.flatMap(collect).sort();
if (files.length === 0) {
  console.error(`no test files under ${folders.join(", ")}`);
  process.exit(1);
}
const provisioned = spawnSync(process.execPath, ["--import", "tsx", "test/support/oracles/provision.ts"], { stdio: "inherit" });
if (provisioned.status !== 0) {
  console.error("provisioning the Python oracles crashed (see above)");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", "--import", "tsx", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);

// Builds dist/client.js, dist/server.js, dist/cli.js (+ cli-main.js and its code cache) and copies the tree-sitter
// wasm files beside them.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, chmodSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const production = process.argv.includes("--production");
mkdirSync("dist", { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  // The ESM build of web-tree-sitter needs import.meta.url, which a CJS bundle lacks: bundle its CJS build.
  alias: { "web-tree-sitter": require.resolve("web-tree-sitter") },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" }),
  build({ ...common, entryPoints: ["server/src/cli.ts"], outfile: "dist/cli-main.js" }),
  // The `django-ready` command: a small launcher loading dist/cli-main.js with its code cache.
  build({
    ...common,
    entryPoints: ["server/src/cliLauncher.ts"],
    outfile: "dist/cli.js",
    banner: { js: "#!/usr/bin/env node" },
  }),
]);
chmodSync("dist/cli.js", 0o755);

copyFileSync(require.resolve("web-tree-sitter/tree-sitter.wasm"), "dist/tree-sitter.wasm");
copyFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), "dist/tree-sitter-python.wasm");

// V8's code cache of the CLI after a representative run (a check of the example project), so that every later run
// skips compiling what this one compiled. Used only by the same Node version and only for this exact bundle.
const cacheRun = spawnSync(process.execPath, ["dist/cli.js", "check", "examples/insecure-blog", "--format", "json", "--fail-on", "never"], {
  env: { ...process.env, DJANGO_READY_WRITE_CODE_CACHE: "dist/cli-main.cache" },
  stdio: ["ignore", "ignore", "inherit"],
});
if (cacheRun.status !== 0) console.warn(`build: no code cache for the CLI (the check run exited with ${cacheRun.status})`);

// Builds dist/client.js, dist/server.js, dist/cli.js and copies the tree-sitter wasm files beside them.
import { build } from "esbuild";
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
  build({
    ...common,
    entryPoints: ["server/src/cli.ts"],
    outfile: "dist/cli.js",
    banner: { js: "#!/usr/bin/env node" },
  }),
]);
chmodSync("dist/cli.js", 0o755);

copyFileSync(require.resolve("web-tree-sitter/tree-sitter.wasm"), "dist/tree-sitter.wasm");
copyFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), "dist/tree-sitter-python.wasm");

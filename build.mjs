// Builds dist/client.js, dist/server.js, dist/cli.js (+ cli-main.js and its code cache) and copies the tree-sitter
// wasm files beside them.
import { build } from "esbuild";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, chmodSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
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
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server-main.js" }),
  // The language server as clients spawn it: a small launcher loading dist/server-main.js with its code cache.
  build({ ...common, entryPoints: ["server/src/serverLauncher.ts"], outfile: "dist/server.js" }),
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

rmSync("dist/cli-main.cache", { force: true });
// V8's code cache of the CLI after a representative run (a check of the example project), so that every later run
// skips compiling what this one compiled. Used only by the same Node version and only for this exact bundle.
const cacheRun = spawnSync(process.execPath, ["dist/cli.js", "check", "examples/insecure-blog", "--format", "json", "--fail-on", "never"], {
  env: { ...process.env, DJANGO_READY_WRITE_CODE_CACHE: "dist/cli-main.cache" },
  stdio: ["ignore", "ignore", "inherit"],
});
if (cacheRun.status !== 0) console.warn(`build: no code cache for the CLI (the check run exited with ${cacheRun.status})`);

// The server's code caches after an editor session on the example: initialize, open its settings module, wait for
// its diagnostics, shut down (the launcher writes the protocol thread's cache on exit, the worker's after its first
// analysis).
await writeServerCodeCache("examples/insecure-blog", "mysite/settings.py");

async function writeServerCodeCache(folder, settings) {
  const cache = "dist/server-main.cache";
  const workerCache = "dist/server-worker.cache";
  rmSync(cache, { force: true });
  rmSync(workerCache, { force: true });
  const root = resolve(folder);
  const settingsPath = join(root, settings);
  const server = spawn(process.execPath, ["dist/server.js", "--stdio"], {
    env: { ...process.env, DJANGO_READY_WRITE_CODE_CACHE: cache },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const send = (message) => {
    const body = JSON.stringify({ jsonrpc: "2.0", ...message });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const published = new Promise((done) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("textDocument/publishDiagnostics")) done();
    });
    setTimeout(done, 20_000).unref();
  });
  const exited = new Promise((done) => server.on("exit", done));
  send({ id: 1, method: "initialize", params: { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} } });
  send({ method: "initialized", params: {} });
  const text = readFileSync(settingsPath, "utf8");
  send({ method: "textDocument/didOpen", params: { textDocument: { uri: pathToFileURL(settingsPath).href, languageId: "python", version: 1, text } } });
  await published;
  send({ id: 2, method: "shutdown" });
  send({ method: "exit" });
  await exited;
  if (!existsSync(cache)) console.warn("build: no code cache for the server (its example session did not end cleanly)");
  if (!existsSync(workerCache)) console.warn("build: no code cache for the server's analysis worker (it answered no analysis)");
}

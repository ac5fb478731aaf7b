// dist/server.js: the language server as clients spawn it. Loads dist/server-main.js with its build-time code cache.
// The analysis worker starts from this launcher too, so it also loads the bundle with the code cache; loading the
// bundle is all it needs (the bundle serves analysis requests by itself in the worker).
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { loadBundle } from "./node/codeCache";

/** Set by build.mjs only: when the server exits, write the code cache there. */
const writeCacheTo = process.env.DJANGO_READY_WRITE_CODE_CACHE;
const bundle = loadBundle(join(__dirname, "server-main.js"), writeCacheTo ?? join(__dirname, "server-main.cache"));
if (isMainThread) {
  if (writeCacheTo) process.on("exit", () => bundle.writeCache());
  (bundle.exports.startServer as (workerScript: string) => void)(__filename);
}

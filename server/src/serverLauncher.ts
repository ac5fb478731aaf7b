// dist/server.js: the language server as clients spawn it. Loads dist/server-main.js with its build-time code cache.
import { join } from "node:path";
import { loadBundle } from "./node/codeCache";

/** Set by build.mjs only: when the server exits, write the code cache there. */
const writeCacheTo = process.env.DJANGO_READY_WRITE_CODE_CACHE;
const bundle = loadBundle(join(__dirname, "server-main.js"), writeCacheTo ?? join(__dirname, "server-main.cache"));
if (writeCacheTo) process.on("exit", () => bundle.writeCache());
(bundle.exports.startServer as () => void)();

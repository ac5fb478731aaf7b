// dist/cli.js: the `django-ready` command. Loads the CLI bundle (dist/cli-main.js) with its build-time code cache.
import { join } from "node:path";
import { loadBundle } from "./node/codeCache";

/** Set by build.mjs only: after the run, write the code cache there. */
const writeCacheTo = process.env.DJANGO_READY_WRITE_CODE_CACHE;
const bundle = loadBundle(join(__dirname, "cli-main.js"), writeCacheTo ?? join(__dirname, "cli-main.cache"));
const runFromProcess = bundle.exports.runFromProcess as () => Promise<number>;
void runFromProcess().then(() => {
  if (writeCacheTo) bundle.writeCache();
});

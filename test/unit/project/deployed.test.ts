// Step 4 of the project model (RULES.md "Known and unknown values"): rules ask `settings.value(name)` and get
// known, unknown (with why) or absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildProjects, isDeployed } from "../../../server/src/analysis/project/model";
import { resolveDeployed, type DeployedSettings } from "../../../server/src/analysis/project/deployed";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import { defaultConfig } from "../../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { memoryAccess, type FileMap } from "../../support/memory";

async function deployedOf(files: FileMap): Promise<DeployedSettings> {
  await initAnalysisFromDisk();
  const access = memoryAccess({ "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\n', ...files });
  const [project] = buildProjects(access, defaultConfig(), (file) => buildPythonModule(file, access.read(file) ?? ""));
  const module = project.settings.find(isDeployed);
  assert.ok(module, "a deployed module");
  return resolveDeployed(module, project.settings, project.files.filter((f) => f.endsWith(".py")), project.root, { files: project.files, read: access.read });
}

const state = (settings: DeployedSettings, name: string) => {
  const value = settings.value(name);
  return value.state === "unknown" ? `unknown: ${value.why}` : value.state;
};

test("literals, env lookups, concatenations and literal-keyed changes are known; absent settings are absent", async () => {
  const settings = await deployedOf({
    "app/settings.py": 'import os\nDEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\nMIDDLEWARE = ["a"]\nMIDDLEWARE = ["s"] + MIDDLEWARE + ["z"]\nMIDDLEWARE.insert(0, "first")\nLOGGING = {"version": 1}\nLOGGING["disable_existing_loggers"] = False\n',
  });
  for (const name of ["DEBUG", "SECRET_KEY", "MIDDLEWARE", "LOGGING"]) assert.equal(state(settings, name), "known", name);
  const middleware = settings.value("MIDDLEWARE");
  assert.ok(middleware.state === "known" && middleware.setting.value.kind === "list");
  assert.deepEqual(middleware.state === "known" && middleware.setting.value.kind === "list" && middleware.setting.value.items.map((i) => (i.kind === "string" ? i.value : "?")), ["first", "s", "a", "z"]);
  assert.equal(state(settings, "STORAGES"), "absent");
});

test("a change in a loop or function, a non-literal condition, a with block, getattr() and unfollowed calls are unknown, with where", async () => {
  const settings = await deployedOf({
    "app/settings.py": [
      "import os, logging_setup",
      "from app import configuration",
      'INSTALLED_APPS = []',
      'LOGGING = {"version": 1, "handlers": {}}',
      'for name in ("a", "b"):',
      '    LOGGING["handlers"][name] = {}',
      'if os.environ.get("LIVE"):',
      "    SECURE_SSL_REDIRECT = True",
      'DEBUG = getattr(configuration, "DEBUG", False)',
      "CACHES = logging_setup.caches()",
      "with open('/etc/hosts') as fh:",
      "    ALLOWED_HOSTS = ['x']",
      "if True:",
      "    X_FRAME_OPTIONS = 'DENY'",
      "",
    ].join("\n"),
  });
  assert.match(state(settings, "LOGGING"), /^unknown: changed in a loop at app\/settings\.py:6$/);
  assert.match(state(settings, "SECURE_SSL_REDIRECT"), /^unknown: set under a condition at app\/settings\.py:8$/);
  assert.match(state(settings, "DEBUG"), /^unknown: read with getattr\(\) at run time/);
  assert.match(state(settings, "CACHES"), /^unknown: the result of logging_setup\.caches\(\)/);
  assert.match(state(settings, "ALLOWED_HOSTS"), /^unknown: set inside a with block/);
  assert.equal(state(settings, "X_FRAME_OPTIONS"), "known", "a literal condition is no condition");
});

test("an except clause is an error path, except ImportError is not; a later plain assignment makes a value known again", async () => {
  const settings = await deployedOf({
    "app/settings.py": 'INSTALLED_APPS = []\nLOGGING = {"version": 1}\ntry:\n    import sentry_sdk\nexcept Exception:\n    LOGGING = {}\ntry:\n    import redis\nexcept ImportError:\n    CACHES = {}\nif FLAG:\n    DEBUG = True\nDEBUG = False\n',
  });
  const logging = settings.value("LOGGING");
  assert.ok(logging.state === "known" && logging.setting.value.kind === "dict" && logging.setting.value.entries.length === 1);
  assert.equal(state(settings, "CACHES"), "known");
  assert.equal(state(settings, "DEBUG"), "known");
});

test("django-split-settings include() with globs and optional(); an include outside the project leaves absent settings unknown", async () => {
  const inside = await deployedOf({
    "app/settings/__init__.py": 'from split_settings.tools import include, optional\ninclude("parts/*.py", optional("local.py"))\n',
    "app/settings/parts/a.py": 'INSTALLED_APPS = []\nDEBUG = True\n',
    "app/settings/parts/b.py": "DEBUG = False\n",
  });
  const debug = inside.value("DEBUG");
  assert.ok(debug.state === "known" && debug.setting.value.kind === "bool" && debug.setting.value.value === false, "b.py comes after a.py");
  assert.equal(state(inside, "LOGGING"), "absent");
  const outside = await deployedOf({
    "app/settings/__init__.py": 'from split_settings.tools import include\nINSTALLED_APPS = []\ninclude("../../../etc/extra.py")\n',
  });
  assert.match(state(outside, "LOGGING"), /^unknown: include\(\) of \.\.\/\.\.\/\.\.\/etc\/extra\.py, outside the project/);
  assert.equal(state(outside, "INSTALLED_APPS"), "known");
});

test("a read of an unknown value is reported to the engine's reader; known and absent ones are not", async () => {
  const settings = await deployedOf({ "app/settings.py": "INSTALLED_APPS = []\nfor x in []:\n    INSTALLED_APPS.append(x)\n" });
  const reads: string[] = [];
  settings.onUnknownRead = (name, why) => reads.push(`${name}: ${why}`);
  settings.get("INSTALLED_APPS");
  settings.value("DEBUG");
  assert.deepEqual(reads, ["INSTALLED_APPS: changed in a loop at app/settings.py:3"]);
});

// DJP001: split settings with no production (or single) module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief } from "../../support/memory";

const manage = (module: string) => `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`;

test("DJP001 reports split settings without a production module at line 1 of the module manage.py names", async () => {
  const { findings } = await analyzeFiles({
    "manage.py": manage("mysite.settings.local"),
    "mysite/settings/base.py": "DEBUG = False\n",
    "mysite/settings/local.py": "from .base import *\nDEBUG = True\n",
  });
  const found = findings.filter((f) => f.rule === "DJP001");
  assert.deepEqual(brief(found), ["DJP001 mysite/settings/local.py:1"]);
  assert.equal(found[0].severity, "information");
  assert.match(found[0].message, /no deployed settings can be judged/);
  // No deployed settings, so no value rules.
  assert.deepEqual(brief(findings, ["DJP301", "DJP201", "DJP401"]), []);
});

test("DJP001 falls back to the first settings module when manage.py names none", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings/common.py": "DEBUG = False\n",
    "mysite/settings/dev.py": "from .common import *\n",
  });
  assert.deepEqual(brief(findings, ["DJP001"]), ["DJP001 mysite/settings/common.py:1"]);
});

test("DJP001 is not reported for a single settings module or when a production module exists", async () => {
  const single = await analyzeFiles({ "manage.py": manage("mysite.settings"), "mysite/settings.py": "DEBUG = False\n" });
  assert.deepEqual(brief(single.findings, ["DJP001"]), []);
  const split = await analyzeFiles({
    "mysite/settings/base.py": "DEBUG = False\n",
    "mysite/settings/local.py": "from .base import *\n",
    "mysite/settings/production.py": "from .base import *\n",
  });
  assert.deepEqual(brief(split.findings, ["DJP001"]), []);
  const configured = await analyzeFiles(
    { "mysite/settings/base.py": "DEBUG = False\n", "mysite/settings/server.py": "from .base import *\n" },
    { productionSettings: ["mysite.settings.server"] },
  );
  assert.deepEqual(brief(configured.findings, ["DJP001"]), []);
});

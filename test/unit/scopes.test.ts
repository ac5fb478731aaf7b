// A project scope's analysis is the full analysis' own inside the scope (the editor merges the two).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { analyze } from "../../server/src/analysis/engine";
import { defaultConfig } from "../../server/src/analysis/types";
import { inScopeListing, mergeScoped, projectScopeOf, scopedFileAccess } from "../../server/src/lsp/scopes";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { brief, type FileMap, memoryAccess } from "../support/memory";

before(() => initAnalysisFromDisk());

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
const settings = (secret: string) =>
  [`SECRET_KEY = "${secret}"`, "DEBUG = True", 'INSTALLED_APPS = ["django.contrib.admin"]', 'ROOT_URLCONF = "mysite.urls"', ""].join("\n");

const workspace: FileMap = {
  "services/docker-compose.yml": "services:\n  web:\n    build: ./a\n    env_file: ./a/.env\n    command: python manage.py runserver 0.0.0.0:8000\n",
  "services/a/manage.py": MANAGE,
  "services/a/.env": "SECRET_KEY=abc\nDEBUG=1\n",
  "services/a/mysite/__init__.py": "",
  "services/a/mysite/settings.py": settings("k3j9-Xq72-hPz0-Lm4t-Vb8n-Qw1e-Rt5y-Uo6p-As2d-Fg7h"),
  "services/b/manage.py": MANAGE,
  "services/b/mysite/__init__.py": "",
  "services/b/mysite/settings.py": settings("Zx81-Qm4L-r7Tw-2Pk9-Hs3D-f6Gj-8Kl0-Mn5B-v1Cx-Qa2W"),
};

describe("project scopes", () => {
  it("is the outermost folder above the file holding manage.py, else the whole root", () => {
    const access = memoryAccess({ ...workspace, "services/a/tools/manage.py": MANAGE });
    assert.equal(projectScopeOf(access, "services/a/tools/x.py"), "services/a");
    assert.equal(projectScopeOf(access, "services/b/mysite/settings.py"), "services/b");
    assert.equal(projectScopeOf(access, "services/docker-compose.yml"), "");
    assert.equal(projectScopeOf(memoryAccess({ ...workspace, "manage.py": MANAGE }), "services/a/mysite/settings.py"), "");
  });

  it("is the whole root when the last analysis found a project above the folder", () => {
    const files = { ...workspace, "config/settings/__init__.py": "", "config/settings/base.py": settings("Qw1e-Rt5y-Uo6p-As2d-Fg7h-k3j9-Xq72-hPz0-Lm4t-Vb8n") };
    const access = memoryAccess(files);
    const last = analyze(access, defaultConfig());
    const listed = new Set(access.files());
    assert.ok(last.projects.some((project) => project.root === ""), JSON.stringify(last.projects.map((p) => p.root)));
    assert.equal(projectScopeOf(access, "services/a/mysite/settings.py", last, listed), "");
    assert.equal(projectScopeOf(access, "services/a/mysite/settings.py", analyze(memoryAccess(workspace), defaultConfig()), new Set(Object.keys(workspace))), "services/a");
  });

  it("lists the scope's folder and the files directly in the folders above it", () => {
    assert.deepEqual(
      Object.keys(workspace).filter((file) => inScopeListing(file, "services/a")),
      ["services/docker-compose.yml", "services/a/manage.py", "services/a/.env", "services/a/mysite/__init__.py", "services/a/mysite/settings.py"],
    );
  });

  it("gives inside the scope what the whole root's analysis gives, before and after an edit", () => {
    const edited = { ...workspace, "services/a/mysite/settings.py": settings("").replace("DEBUG = True", "DEBUG = False") };
    for (const files of [workspace, edited]) {
      const access = memoryAccess(files);
      const full = analyze(access, defaultConfig());
      const scoped = analyze(scopedFileAccess(access, access.files().filter((file) => inScopeListing(file, "services/a"))), defaultConfig());
      const stale = analyze(memoryAccess(workspace), defaultConfig());
      assert.deepEqual(brief(mergeScoped(stale.findings, scoped.findings, "services/a")), brief(full.findings));
      assert.ok(brief(full.findings).some((f) => f.startsWith("DJP") && f.includes("services/b/")), "the other project has findings");
    }
  });

  it("sees the dependencies declared above it (a requirements.txt there and the requirements/ folder it includes), as the full analysis does", () => {
    const files: FileMap = {
      ...workspace,
      "services/requirements.txt": "-r requirements/base.txt\n",
      "services/requirements/base.txt": "Django==4.1.13\n",
      "services/requirements/nested/ignored.txt": "gunicorn\n",
    };
    const inScope = Object.keys(files).filter((file) => inScopeListing(file, "services/a"));
    assert.ok(inScope.includes("services/requirements.txt") && inScope.includes("services/requirements/base.txt"), inScope.join(", "));
    assert.ok(!inScope.includes("services/requirements/nested/ignored.txt"));
    const access = memoryAccess(files);
    const full = analyze(access, defaultConfig());
    const scoped = analyze(scopedFileAccess(access, inScope), defaultConfig());
    assert.deepEqual(brief(mergeScoped(full.findings, scoped.findings, "services/a")), brief(full.findings));
    for (const result of [full, scoped]) assert.ok(brief(result.findings).includes("DJP502 services/requirements.txt:1"), brief(result.findings).join("\n"));
  });
});

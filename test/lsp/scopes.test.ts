// Opened file first: in a workspace of two Django projects, the opened module's project is published before the
// rest, the rest follows in a background scan with $/progress, and a keystroke re-analyses only its project while
// the other project's diagnostics stay as the full analysis gave them.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Diagnostic } from "vscode-languageserver/node";
import { EDITOR_CAPABILITIES, ensureServerBuilt, fileUri, LspTestClient } from "./client";

before(ensureServerBuilt);

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';
const SETTINGS = [
  "import os",
  'SECRET_KEY = "k3j9-Xq72-hPz0-Lm4t-Vb8n-Qw1e-Rt5y-Uo6p-As2d-Fg7h-Jk"',
  'INSTALLED_APPS = ["django.contrib.admin"]',
  'ROOT_URLCONF = "mysite.urls"',
  'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}',
  "",
].join("\n");

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const codes = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => d.code);

describe("the opened file's project first, the rest of the workspace in the background", () => {
  const root = mkdtempSync(join(tmpdir(), "django-ready-scopes-"));
  const uri = (path: string) => fileUri(join(root, ...path.split("/")));
  const opened = uri("services/a/mysite/settings.py");
  const other = uri("services/b/mysite/settings.py");
  const progress: Array<{ kind: string; cancellable?: boolean }> = [];
  let client: LspTestClient;
  const progressEnded = () =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (progress.some((p) => p.kind === "end")) resolve();
        else if (Date.now() - started > 5000) reject(new Error(`no progress end in ${JSON.stringify(progress)}`));
        else setTimeout(poll, 10);
      };
      poll();
    });

  before(async () => {
    writeTree(root, {
      "services/a/manage.py": MANAGE,
      "services/a/mysite/__init__.py": "",
      "services/a/mysite/settings.py": SETTINGS,
      "services/b/manage.py": MANAGE,
      "services/b/mysite/__init__.py": "",
      "services/b/mysite/settings.py": SETTINGS,
    });
    client = LspTestClient.start();
    client.connection.onNotification("$/progress", (params: { value: { kind: string; cancellable?: boolean } }) => {
      progress.push(params.value);
    });
    await client.initialize(root, { ...EDITOR_CAPABILITIES, window: { workDoneProgress: true } });
    await client.open(join(root, "services/a/mysite/settings.py"));
  });
  after(() => {
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("publishes the opened module before any other project's, then the rest with progress", async () => {
    await client.waitForDiagnostics(other, (d) => codes(d).includes("DJP101"));
    const order = [...client.published.keys()];
    assert.ok(order.indexOf(opened) !== -1 && order.indexOf(opened) < order.indexOf(other), `publish order: ${order.join(", ")}`);
    assert.ok(codes(client.published.get(opened)?.[0]).includes("DJP101"), "the first publish already holds the finding");
    await progressEnded();
    assert.deepEqual(
      progress.map((p) => p.kind),
      ["begin", ...progress.slice(1, -1).map(() => "report"), "end"],
    );
    assert.equal(progress[0]?.cancellable, true);
  });

  it("re-analyses the edited project only, leaving the other's diagnostics as they were", async () => {
    const otherPublishes = client.published.get(other)?.length;
    await client.replace(opened, 'SECRET_KEY = "k3j9', 'SECRET_KEY = os.environ["SECRET_KEY"]  # "k3j9');
    await client.waitForDiagnostics(opened, (d) => !codes(d).includes("DJP101"));
    assert.equal(client.published.get(other)?.length, otherPublishes, "nothing new sent for the other project");
    assert.ok(codes(client.latestDiagnostics(other)).includes("DJP101"));
  });

  it("gives the same diagnostics as a fresh analysis of the whole workspace", async () => {
    const before = JSON.stringify([client.latestDiagnostics(opened), client.latestDiagnostics(other)]);
    await client.connection.sendRequest("djangoReady/checkWorkspace");
    assert.equal(JSON.stringify([client.latestDiagnostics(opened), client.latestDiagnostics(other)]), before);
  });
});

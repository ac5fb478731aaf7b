import { test } from "node:test";
import assert from "node:assert/strict";
import { commandText, deploymentCommands, deploymentFileKind } from "../../../server/src/analysis/project/deploymentFiles";
import { findRunserver } from "../../../server/src/analysis/project/runserver";
import { analyzeFiles, brief } from "../../support/memory";

const SETTINGS = { "manage.py": "", "mysite/settings.py": "DEBUG = False\n", "mysite/wsgi.py": "" };
const SERVER_RULES = ["DJP501", "DJP502"];

async function serverFindings(files: Record<string, string>) {
  const { findings } = await analyzeFiles({ ...SETTINGS, ...files });
  return findings.filter((f) => SERVER_RULES.includes(f.rule));
}

test("runserver invocations are recognised; migrate, runserver_plus and other words are not", () => {
  const hits = (text: string) => findRunserver(text).map((m) => [text.slice(m.runserver, m.runserver + 9), m.port]);
  assert.deepEqual(hits("python manage.py runserver 0.0.0.0:8000"), [["runserver", "8000"]]);
  assert.deepEqual(hits("./manage.py runserver 0.0.0.0:$PORT"), [["runserver", "$PORT"]]);
  assert.deepEqual(hits("django-admin runserver"), [["runserver", "8000"]]);
  assert.deepEqual(hits("/usr/local/bin/python3.12 -u src/manage.py runserver --noreload ${PORT:-9000}"), [["runserver", "${PORT:-9000}"]]);
  assert.deepEqual(hits("python -m django runserver 8080"), [["runserver", "8080"]]);
  assert.deepEqual(hits("python manage.py migrate && gunicorn x.wsgi"), []);
  assert.deepEqual(hits("python manage.py runserver_plus"), []);
  assert.deepEqual(hits("echo runserver"), []);
});

test("deployment file kinds: compose files named dev/local/override and other scripts are skipped", () => {
  assert.equal(deploymentFileKind("Dockerfile.prod"), "dockerfile");
  assert.equal(deploymentFileKind("docker-compose.yml"), "compose");
  assert.equal(deploymentFileKind("docker-compose.override.yml"), undefined);
  assert.equal(deploymentFileKind("compose.local.yaml"), undefined);
  assert.equal(deploymentFileKind("bin/docker-entrypoint.sh"), "script");
  assert.equal(deploymentFileKind("start"), "script");
  assert.equal(deploymentFileKind("scripts/deploy.sh"), undefined);
  assert.equal(deploymentFileKind("run_tests.py"), undefined);
});

test("Dockerfile CMD/ENTRYPOINT in shell and exec forms, with continuations; RUN is not a start command", () => {
  const files: Record<string, string> = {
    Dockerfile: `FROM python\nRUN python manage.py runserver --help\nCMD python manage.py migrate && \\\n    python manage.py runserver 0.0.0.0:8000\n`,
    "Dockerfile.web": `FROM python\nENTRYPOINT ["python", "manage.py", \\\n  "runserver", "0.0.0.0:8000"]\n`,
  };
  const commands = deploymentCommands({ root: "", files: Object.keys(files) }, (p) => files[p]);
  assert.deepEqual(commands.map(commandText), ["python manage.py migrate && python manage.py runserver 0.0.0.0:8000", "python manage.py runserver 0.0.0.0:8000"]);
  assert.equal(commands[1].execForm, true);
});

test("DJP501 reports the line holding runserver in each kind of deployment file", async () => {
  const findings = await serverFindings({
    "requirements.txt": "gunicorn\n",
    Procfile: "release: python manage.py migrate\nweb: python manage.py runserver 0.0.0.0:$PORT\n",
    Dockerfile: `FROM python\n# CMD python manage.py runserver\nCMD python manage.py migrate && \\\n    python manage.py runserver 0.0.0.0:8000\n`,
    "Dockerfile.exec": `FROM python\nCMD ["python", "manage.py", \\\n     "runserver", "0.0.0.0:8000"]\n`,
    "docker-compose.yml": `services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n  worker:\n    command:\n      - python\n      - manage.py\n      - runserver\n  other:\n    entrypoint: ["./manage.py", "runserver"]\n  folded:\n    command: >\n      sh -c "python manage.py migrate &&\n             python manage.py runserver 0.0.0.0:8000"\n`,
    "docker-compose.dev.yml": `services:\n  web:\n    command: python manage.py runserver\n`,
    "docker-entrypoint.sh": `#!/bin/sh\n# python manage.py runserver\npython manage.py migrate\nexec python manage.py runserver 0.0.0.0:8000  # dev only\n`,
    "scripts/deploy.sh": "python manage.py runserver\n",
  });
  assert.deepEqual(brief(findings), [
    "DJP501 Dockerfile.exec:3",
    "DJP501 Dockerfile:4",
    "DJP501 Procfile:2",
    "DJP501 docker-compose.yml:10",
    "DJP501 docker-compose.yml:14",
    "DJP501 docker-compose.yml:3",
    "DJP501 docker-compose.yml:8",
    "DJP501 docker-entrypoint.sh:4",
  ]);
  const procfile = findings.find((f) => f.file === "Procfile")!;
  assert.deepEqual(procfile.range, { start: { line: 1, column: 22 }, end: { line: 1, column: 31 } });
  assert.equal(procfile.severity, "error");
});

test("DJP502 reports at line 1 of the main dependency file when no production server is declared", async () => {
  assert.deepEqual(brief(await serverFindings({ "requirements.txt": "Django\n", "requirements/production.txt": "-r base.txt\n", "requirements/base.txt": "django\n" })), ["DJP502 requirements.txt:1"]);
  assert.deepEqual(brief(await serverFindings({ "requirements/production.txt": "-r base.txt\n", "requirements/base.txt": "django\n" })), ["DJP502 requirements/production.txt:1"]);
  assert.deepEqual(brief(await serverFindings({ "pyproject.toml": `[project]\ndependencies = ["django"]\n`, Pipfile: `[packages]\ndjango = "*"\n` })), ["DJP502 pyproject.toml:1"]);
});

test("DJP502 is silent when a server is declared anywhere (any case, extras, includes), or no dependency file exists", async () => {
  assert.deepEqual(await serverFindings({}), []);
  assert.deepEqual(await serverFindings({ "requirements/production.txt": "-r base.txt\nGunicorn[gevent]==23.0\n", "requirements/base.txt": "django\n" }), []);
  assert.deepEqual(await serverFindings({ "requirements.txt": "-r requirements/prod.txt\n", "requirements/prod.txt": "uWSGI\n" }), []);
  assert.deepEqual(await serverFindings({ "pyproject.toml": `[tool.poetry.dependencies]\npython = "^3.12"\nDaphne = "^4"\n` }), []);
  assert.deepEqual(await serverFindings({ "setup.cfg": "[options]\ninstall_requires =\n    mod_wsgi\n" }), []);
});

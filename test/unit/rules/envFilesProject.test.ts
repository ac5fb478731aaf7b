// The pieces under the env-file rules: compose env_file: entries, .gitignore evaluation, the project's env files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { composeEnvFileRefs } from "../../../server/src/analysis/project/composeEnvFiles";
import { isComposeFile, isDevelopmentCompose, isDevelopmentFile } from "../../../server/src/analysis/project/fileKinds";
import { gitState } from "../../../server/src/analysis/project/gitIgnore";
import { projectEnvFiles } from "../../../server/src/analysis/project/envFiles";
import { memoryAccess } from "../../support/memory";
import { gitRepository, projectOf, settingsReading } from "./envFilesHelpers";

test("compose files by their top-level services:, and those that mark local or development use", () => {
  const compose = "services:\n  web:\n    image: shop\n";
  assert.equal(isComposeFile("production.yml", compose), true);
  assert.equal(isComposeFile("local.yml", compose), true);
  assert.equal(isComposeFile(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    services:\n      db: {}\n"), false);
  assert.equal(isComposeFile("compose.json", compose), false);
  assert.equal(isComposeFile("docker-compose.yml"), true, "without its text, the usual name stands in");
  const names = ["docker-compose.yml", "docker-compose.prod.yaml", "compose.yaml", "compose.dev.yml", "deploy/docker-compose.override.yml", "local.yml", "compose/local/django/start"];
  assert.deepEqual(names.filter(isDevelopmentFile), ["compose.dev.yml", "deploy/docker-compose.override.yml", "local.yml", "compose/local/django/start"]);
  assert.equal(isDevelopmentFile("docker-compose.devops.yml"), false);
  assert.equal(isDevelopmentCompose("docker-compose.yml", compose + "    build: {context: ., dockerfile: docker/local.Dockerfile}\n"), true);
  assert.equal(isDevelopmentCompose("docker-compose.yml", compose + "    environment:\n      - DJANGO_SETTINGS_MODULE=shop.settings.local\n"), true);
  assert.equal(isDevelopmentCompose("docker-compose.yml", compose + "    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n"), false);
});

test("env_file: as a string, a flow list, a block list (also at the key's indent) and the long form, relative to the compose file", () => {
  const text = [
    "services:",
    "  web:",
    "    env_file: ./.env  # local values",
    "  worker:",
    '    env_file: [ "common.env", \'../outside/x.env\' ]',
    "  db:",
    "    env_file:",
    "    - db.env",
    "    # a comment",
    "    - path: ./optional.env",
    "      required: false",
    "    - required: true",
    "      path: 'late.env'",
    "    image: postgres",
    "  cache:",
    "    env_file:",
    "      - /etc/absolute.env",
    "      - ${HOME}/x.env",
    "      - ../../../above-root.env",
  ].join("\n");
  const refs = composeEnvFileRefs("deploy/docker-compose.yml", text);
  assert.deepEqual(
    refs.map((ref) => `${ref.file}@${ref.line + 1}`),
    ["deploy/.env@3", "deploy/common.env@5", "outside/x.env@5", "deploy/db.env@8", "deploy/optional.env@10", "deploy/late.env@13"],
  );
  assert.ok(refs.every((ref) => ref.compose === "deploy/docker-compose.yml"));
});

test("without git, .gitignore files from the project root down decide: deeper wins, last pattern wins, ignored folders stay ignored", () => {
  const access = memoryAccess({
    "app/.gitignore": "*.env\n!keep.env\nsecrets/\n",
    "app/sub/.gitignore": "!local.env\n",
    "app/sub/local.env": "",
    "app/sub/other.env": "",
    "app/keep.env": "",
    "app/secrets/.gitignore": "!*.env\n",
    "app/secrets/x.env": "",
    "app/.env": "",
  });
  const state = (file: string) => gitState(access, file, "app");
  assert.equal(state("app/sub/local.env"), "untracked");
  assert.equal(state("app/sub/other.env"), "ignored");
  assert.equal(state("app/keep.env"), "untracked");
  assert.equal(state("app/secrets/x.env"), "ignored");
  assert.equal(state("app/.env"), "ignored", "*.env matches .env in git too");
});

test("a .gitignore above the project root does not count; git's answer, where there is one, is taken as is", () => {
  const files = { ".gitignore": ".env\n", "app/.env": "" };
  assert.equal(gitState(memoryAccess(files), "app/.env", "app"), "untracked");
  assert.equal(gitState(memoryAccess(files, gitRepository({ "app/.env": "tracked" })), "app/.env", "app"), "tracked");
  assert.equal(gitState(memoryAccess(files, () => undefined), "app/.env", ""), "ignored");
});

test("the project's env files: by name and by compose, templates, development files, parsed", async () => {
  const { project, access } = await projectOf({
    "manage.py": "",
    "mysite/settings.py": settingsReading("DEBUG"),
    ".env": "DEBUG=1\n",
    ".env.sample": "DEBUG=\n",
    "prod.env": "DEBUG=0\n",
    "config/dev.vars": "DEBUG=1\n",
    "config/shared.vars": "A=1\n",
    "compose.dev.yaml": "services:\n  web:\n    env_file:\n      - config/dev.vars\n      - config/shared.vars\n",
    "compose.yaml": "services:\n  web:\n    env_file: config/shared.vars\n",
    "node_modules/pkg/.env": "X=1\n",
  });
  const envFiles = projectEnvFiles(project, access);
  assert.deepEqual(
    envFiles.map((env) => `${env.file}${env.template ? " template" : ""}${env.development ? " development" : ""}`),
    [".env", ".env.sample template", "config/dev.vars development", "config/shared.vars", "prod.env"],
  );
  assert.deepEqual(envFiles[0]?.dotenv.entries.map((entry) => [entry.key, entry.value]), [["DEBUG", "1"]]);
});

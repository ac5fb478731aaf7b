import { test } from "node:test";
import assert from "node:assert/strict";
import { keysReadElsewhere } from "../../../server/src/analysis/project/envReads";
import type { DjangoProject } from "../../../server/src/analysis/project/model";
import type { FileAccess } from "../../../server/src/analysis/types";

// Keys are found as whole words in the project's other readers, with one expression for a few keys and the texts'
// words for many: both ways must find exactly the same keys.
const files: Record<string, string> = {
  "app/tasks.py": 'token = os.environ["API_TOKEN"]\nMY_KEY_2 = 1\nx = "PREFIX_REDIS_URL"\n',
  "scripts/start.sh": "echo $WORKERS ${PORT:-8000}\nexport ABC\n",
  "Dockerfile": "ENV SENTRY_DSN=\n",
  "docs/notes.md": "API_SECRET is read here, but markdown is no reader\n",
};

function project(): DjangoProject {
  return { root: "", settings: [], files: Object.keys(files), references: [], configurations: [], missing: [], templates: [], adopted: [] };
}

const access: FileAccess = { files: () => Object.keys(files), read: (path) => files[path] };

const PRESENT = ["API_TOKEN", "MY_KEY_2", "WORKERS", "PORT", "ABC", "SENTRY_DSN"];
const ABSENT = ["REDIS_URL", "PREFIX", "API_SECRET", "AB", "KEY", "TOKEN", "API"];

test("keysReadElsewhere finds whole words only, with a few keys", () => {
  const found = keysReadElsewhere(project(), access, [], new Set([...PRESENT, ...ABSENT]));
  assert.deepEqual([...found].sort(), [...PRESENT].sort());
});

test("keysReadElsewhere finds the same with more keys than one expression holds", () => {
  const filler = Array.from({ length: 100 }, (_, i) => `UNUSED_${i}`);
  const found = keysReadElsewhere(project(), access, [], new Set([...PRESENT, ...ABSENT, ...filler]));
  assert.deepEqual([...found].sort(), [...PRESENT].sort());
});

// The CLI's code cache: used for exactly the source it was made from, never for another of the same length.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadBundle } from "../../server/src/node/codeCache";

describe("loadBundle", () => {
  const dir = mkdtempSync(join(tmpdir(), "django-ready-code-cache-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = join(dir, "bundle.js");
  const cache = join(dir, "bundle.cache");
  const source = (answer: string) => `exports.answer = function answer() { return "${answer}"; }; exports.dir = __dirname;\n`;

  it("runs the bundle as a CommonJS module and writes a cache stamped with the source's SHA-256", () => {
    writeFileSync(bundle, source("one"));
    const loaded = loadBundle(bundle, cache);
    assert.equal((loaded.exports.answer as () => string)(), "one");
    assert.equal(loaded.exports.dir, dir);
    loaded.writeCache();
    const written = readFileSync(cache);
    assert.ok(written.subarray(0, 32).equals(createHash("sha256").update(source("one")).digest()));
    assert.ok(written.length > 32, "V8's data follows the stamp");
    assert.equal((loadBundle(bundle, cache).exports.answer as () => string)(), "one", "loads with its own cache");
  });

  it("ignores a cache made from another source of the same length", () => {
    writeFileSync(bundle, source("two"));
    assert.equal(source("two").length, source("one").length);
    assert.equal((loadBundle(bundle, cache).exports.answer as () => string)(), "two");
  });

  it("loads without a cache, and with a garbled one", () => {
    rmSync(cache, { force: true });
    assert.equal((loadBundle(bundle, cache).exports.answer as () => string)(), "two");
    writeFileSync(cache, "not a cache");
    assert.equal((loadBundle(bundle, cache).exports.answer as () => string)(), "two");
  });
});

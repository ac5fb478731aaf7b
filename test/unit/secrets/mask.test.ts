import { test } from "node:test";
import assert from "node:assert/strict";
import { maskInText, maskSecret } from "../../../server/src/analysis/secrets/mask";

test("maskSecret keeps the first four characters", () => {
  assert.equal(maskSecret("hunter2-and-more"), "hunt••••");
  assert.equal(maskSecret("abcde"), "abcd••••");
  assert.equal(maskSecret("😀😁😂🤣😃"), "😀😁😂🤣••••");
});

test("maskSecret hides short values entirely", () => {
  assert.equal(maskSecret("abcd"), "••••");
  assert.equal(maskSecret("ab"), "••••");
  assert.equal(maskSecret(""), "••••");
});

test("maskInText masks every occurrence of every secret", () => {
  const text = "PASSWORD=hunter2-xyz and again hunter2-xyz; token s3cr3tvalue";
  const masked = maskInText(text, ["hunter2-xyz", "s3cr3tvalue"]);
  assert.equal(masked, "PASSWORD=hunt•••• and again hunt••••; token s3cr••••");
  assert.ok(!masked.includes("hunter2-xyz"));
});

test("maskInText masks a secret that contains another as a whole", () => {
  const masked = maskInText("key=abcdefgh", ["abcdef", "abcdefgh"]);
  assert.ok(!masked.includes("efgh"));
  assert.ok(!masked.includes("ef"));
});

test("maskInText ignores empty secrets and leaves other text alone", () => {
  assert.equal(maskInText("nothing to hide", ["", "absent"]), "nothing to hide");
});

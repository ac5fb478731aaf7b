import { test } from "node:test";
import assert from "node:assert/strict";
import { djangoKeyWeakness, isDjangoGeneratedKey } from "../../../server/src/analysis/secrets/djangoKey";
import { fake } from "./fakeTokens";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";
const generated = fake(ALPHABET, 50, 11);
const insecure = "django-insecure-" + fake(ALPHABET, 50, 12);

test("keys of Django's generator are recognised", () => {
  assert.equal(isDjangoGeneratedKey(generated), true);
  assert.equal(isDjangoGeneratedKey(insecure), true);
  assert.equal(isDjangoGeneratedKey("django-insecure-s-$=pryz&iia2!l)^4qtr+^f$05_=)xgf4+4a!sm_!tqktk&w%"), true);
});

test("other keys are not Django-generated", () => {
  assert.equal(isDjangoGeneratedKey(generated.slice(1)), false, "49 characters");
  assert.equal(isDjangoGeneratedKey(generated + "a"), false, "51 characters");
  assert.equal(isDjangoGeneratedKey(generated.slice(1) + "A"), false, "upper case is not in the alphabet");
  assert.equal(isDjangoGeneratedKey("django-insecure-" + generated.slice(2)), false, "short body");
  assert.equal(isDjangoGeneratedKey(fake("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 60)), false);
  assert.equal(isDjangoGeneratedKey(""), false);
});

test("djangoKeyWeakness follows Django's security.W009", () => {
  assert.equal(djangoKeyWeakness(generated), undefined);
  assert.equal(djangoKeyWeakness(fake("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64)), undefined);
  assert.equal(djangoKeyWeakness("s3cr3t-Pa55"), "it is shorter than 50 characters");
  assert.equal(djangoKeyWeakness("ab".repeat(30)), "it has fewer than 5 distinct characters");
  assert.equal(djangoKeyWeakness(insecure), "it starts with the django-insecure- prefix");
  assert.equal(
    djangoKeyWeakness("aaaa"),
    "it is shorter than 50 characters and has fewer than 5 distinct characters",
  );
  assert.equal(
    djangoKeyWeakness("django-insecure-aa"),
    "it starts with the django-insecure- prefix and is shorter than 50 characters",
  );
});

test("length is counted in characters, not UTF-16 units", () => {
  const emoji = "😀😁😂🤣😃😄😅😆😉😊".repeat(5);
  assert.equal([...emoji].length, 50);
  assert.equal(djangoKeyWeakness(emoji), undefined);
});

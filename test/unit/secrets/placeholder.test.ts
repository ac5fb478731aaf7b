import { test } from "node:test";
import assert from "node:assert/strict";
import { isPlaceholder } from "../../../server/src/analysis/secrets/placeholder";

const placeholders = [
  // empty or whitespace only
  "", " ", "\t\n",
  // one character repeated
  "xxxx", "****", "XXXXXXXX", "0000000000", "x",
  // template markers
  "<your-secret-key>", "<SECRET>", "${SECRET_KEY}", "${DB_PASSWORD:-x}", "$SECRET_KEY", "$db_pass",
  "{{ secret_key }}", "{{secret}}", "%(password)s", " ${TOKEN} ",
  // vocabulary words only (RULES.md examples first)
  "changeme", "your-secret-key-here", "!!!SET DJANGO_SECRET_KEY!!!", "change-me", "replace-me", "CHANGE_ME",
  "ChangeMe", "your_secret_key", "password", "secret", "dummy", "fake-token", "insert-your-token-here",
  "fill me", "sample value", "placeholder", "TODO", "FIXME", "django-dev-key", "local-dev-secret",
  "test", "none", "null", "None", "xxx", "xxx-xxx", "xxxx-xxxxxxxx", "example", "set-me", "my-secret",
  "replaceme", "dev", "env", "value", "token", "key",
  // readings from real projects (held-out set 7): stand-in words, a value naming its slot, a stated requirement
  "bar", "foobarbaz", "some-secret", "some-outgoing-secret", "credentials-sso-secret", "evap-secret", "I am an api key",
  "oauth2-client-secret", "must_be_at_least_16_chars", "insert_random_key_at_least_32", "insert_random_key_at_least_32_bytes",
  "0x0000000000000000000000000000000000000000",
];

const notPlaceholders = [
  "django-insecure-k3j8x!q2m", "s3cr3t-Pa55", "hunter2", "changeme123", "correct horse battery staple",
  "-c7Rg7OAkl9zsq2wHwel", "my-real-password-is-strong", "xy", "ab-xxx", "<b>bold</b> text", "${A}${B}x",
  "$ not a var", "%(a)s and %(b)s", "!@#$%", "secret-sauce", "prefix<marker>",
  "correct-horse-battery-staple", "password-123", "Winter2024-Secret", "k3J9x-secret", "at-least-we-tried", "0x00f3a9",
];

test("placeholders are recognised on the whole value", () => {
  for (const value of placeholders) assert.equal(isPlaceholder(value), true, JSON.stringify(value));
});

test("real-looking values are not placeholders", () => {
  for (const value of notPlaceholders) assert.equal(isPlaceholder(value), false, JSON.stringify(value));
});

test("a Django-generated key is never a placeholder", () => {
  const body = "k3jx!q2m^t8(z+0a@p1-9_w=r)d7&s5u4%e#c6f*vbn2h8y0gl";
  assert.equal(body.length, 50);
  assert.equal(isPlaceholder(body), false);
  assert.equal(isPlaceholder(`django-insecure-${body}`), false);
  // 50 characters of vocabulary words still have the generator's shape.
  const wordy = "secret-key-secret-key-secret-key-secret-key-secret";
  assert.equal(wordy.length, 50);
  assert.equal(isPlaceholder(wordy), false);
});

test("the vocabulary is compared case-insensitively", () => {
  assert.equal(isPlaceholder("YOUR-SECRET-KEY-HERE"), true);
  assert.equal(isPlaceholder("Your Password Here"), true);
});

test("readings made on real projects: a compound opened by my/your, and the sentinels of an unset variable", () => {
  for (const value of ["mypassword", "MyPassword", "mysecretkey", "missing", "unset-token", "undefined"]) {
    assert.equal(isPlaceholder(value), true, value);
  }
  assert.equal(isPlaceholder("MISSING_FACEBOOK_APP_SECRET", ["FACEBOOK_APP_SECRET"]), true);
  // Two letters inside a compound still count for nothing; a number after one word keeps it real-looking.
  for (const value of ["passwordmy", "tokenme1", "my-real-password-is-strong"]) assert.equal(isPlaceholder(value), false, value);
});

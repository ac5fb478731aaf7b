import { test } from "node:test";
import assert from "node:assert/strict";
import { findUrlPassword } from "../../../server/src/analysis/secrets/urlPassword";

function passwordOf(value: string): string | undefined {
  const found = findUrlPassword(value);
  if (found) assert.equal(value.slice(found.start, found.end), found.password, "offsets point at the password");
  return found?.password;
}

test("finds the password of database, cache, broker and email URLs", () => {
  assert.equal(passwordOf("postgres://greenhouse:impmMwwAVmbEWm@localhost:5432/greenhouse"), "impmMwwAVmbEWm");
  assert.equal(passwordOf("postgresql+psycopg2://u:p4ss@db/app"), "p4ss");
  assert.equal(passwordOf("redis://:s3cr3tpw@cache:6379/0"), "s3cr3tpw");
  assert.equal(passwordOf("amqp://guest:guest@rabbit//"), "guest");
  assert.equal(passwordOf("smtp+tls://mailer:pa%40ss%2Fword@smtp.example.com:587"), "pa%40ss%2Fword");
  assert.equal(passwordOf("mysql://app:p@ss@db.internal/app"), "p@ss");
  assert.equal(passwordOf("submission://user@example.com:pw@smtp.example.com"), "pw");
  assert.equal(passwordOf("postgres://fleet:${DB_PASSWORD}@db/fleet"), "${DB_PASSWORD}");
  assert.equal(passwordOf("see http://example.com then redis://u:pw9@h"), "pw9");
});

test("reports the user, empty when absent", () => {
  assert.deepEqual(findUrlPassword("redis://:pw@host"), { user: "", password: "pw", start: 9, end: 11 });
  assert.equal(findUrlPassword("postgres://alice:pw@host/db")?.user, "alice");
});

test("ports, emails and passwordless URLs carry no password", () => {
  for (const value of [
    "http://host:8000/",
    "http://localhost:8000/path@x",
    "https://example.com/?q=a:b@c",
    "admin@example.com",
    "mailto:admin@example.com",
    "user:pw@host",
    "postgres://alice@db/app",
    "postgres://alice:@db/app",
    "sqlite:///db.sqlite3",
    "",
  ]) {
    assert.equal(findUrlPassword(value), undefined, value);
  }
});

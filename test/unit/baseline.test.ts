// The baseline core: fingerprints that survive lines inserted above and hold no secret, multiset matching,
// the file format.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  BaselineError,
  buildBaseline,
  describeSplit,
  keyFindings,
  parseBaseline,
  serializeBaseline,
  splitByBaseline,
} from "../../server/src/analysis/baseline/baseline";
import { fingerprint, fingerprintSource } from "../../server/src/analysis/baseline/fingerprint";
import type { Finding, RuleId } from "../../server/src/analysis/types";

const SECRET = "k3j4h5-very-secret-value-9f8e7d6c5b4a";

function findingAt(text: string, needle: string, rule: RuleId = "DJP101", file = "mysite/settings.py"): Finding {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in text`);
  const column = lines[line]!.indexOf(needle);
  return { rule, severity: "error", file, range: { start: { line, column }, end: { line, column: column + needle.length } }, message: "m" };
}

const settings = `import os\nSECRET_KEY = "${SECRET}"\nDATABASES = {"default": {"PASSWORD": "${SECRET}x"}}\n`;

describe("fingerprint", () => {
  test("the same statement on another line has the same fingerprint", () => {
    const moved = `# a comment\nDEBUG = False\n${settings}`;
    assert.equal(fingerprint(findingAt(settings, `"${SECRET}"`), settings), fingerprint(findingAt(moved, `"${SECRET}"`), moved));
  });

  test("the source replaces every string by the rule id: no secret, whatever the quoting and spacing", () => {
    const source = fingerprintSource(findingAt(settings, `"${SECRET}"`), settings);
    assert.equal(source, "SECRET_KEY = DJP101");
    assert.ok(!source.includes(SECRET));
    const respaced = `SECRET_KEY   =   '${SECRET}'   # old key\n`;
    assert.equal(fingerprintSource(findingAt(respaced, `'${SECRET}'`), respaced), source);
  });

  test("an env file line keeps its key and loses its value", () => {
    const env = `DEBUG=1\nDATABASE_PASSWORD=${SECRET}\n`;
    const source = fingerprintSource(findingAt(env, "DATABASE_PASSWORD", "DJP607", ".env"), env);
    assert.equal(source, "DATABASE_PASSWORD=DJP607");
  });

  test("a finding at the start of a file (something missing) stands for the file", () => {
    const missing: Finding = { rule: "DJP401", severity: "warning", file: "a/settings.py", range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, message: "m" };
    assert.equal(fingerprint(missing, "import os\n"), fingerprint(missing, "# new first line\nimport os\n"));
  });

  test("different statements, different fingerprints", () => {
    assert.notEqual(fingerprint(findingAt(settings, `"${SECRET}"`), settings), fingerprint(findingAt(settings, '"PASSWORD"', "DJP101"), settings));
  });
});

describe("splitByBaseline", () => {
  const read = (text: string) => () => text;

  test("baselined findings are left out; a second identical statement is new; unmatched entries are stale", () => {
    const old = findingAt(settings, `"${SECRET}"`);
    const baseline = buildBaseline(keyFindings([old, findingAt(settings, '"PASSWORD"', "DJP102")], read(settings)));
    const now = `${settings}SECRET_KEY = "another-${SECRET}"\n`;
    const second = findingAt(now, `"another-`);
    const split = splitByBaseline(keyFindings([findingAt(now, `"${SECRET}"`), second], read(now)), baseline);
    assert.equal(split.baselined.length, 1);
    assert.deepEqual(split.fresh, [second]);
    assert.deepEqual(split.stale.map((e) => e.rule), ["DJP102"]);
    const lines = describeSplit(split, ".django-ready-baseline.json");
    assert.match(lines[0] ?? "", /^1 finding left out/);
    assert.match(lines.join("\n"), /1 baseline entry matches nothing any more and can be dropped/);
  });

  test("counted entries: two identical statements are one entry with count 2", () => {
    const text = `X = {"PASSWORD": "a-real-one"}\nY = 1\nX = {"PASSWORD": "a-real-one"}\n`;
    const lines = text.split("\n");
    const at = (line: number): Finding => ({ rule: "DJP102", severity: "error", file: "s.py", range: { start: { line, column: 5 }, end: { line, column: 15 } }, message: "m" });
    const baseline = buildBaseline(keyFindings([at(0), at(2)], () => text));
    assert.equal(baseline.entries.length, 1);
    assert.equal(baseline.entries[0]?.count, 2);
    assert.equal(lines.length, 4);
    const split = splitByBaseline(keyFindings([at(0)], () => text), baseline);
    assert.equal(split.stale[0]?.count, undefined);
    assert.equal(split.stale.length, 1);
  });
});

describe("the baseline file", () => {
  test("round-trips, one entry per line, and holds no secret", () => {
    const baseline = buildBaseline(keyFindings([findingAt(settings, `"${SECRET}"`)], () => settings));
    const text = serializeBaseline(baseline);
    assert.ok(!text.includes(SECRET.slice(0, 12)));
    assert.deepEqual(parseBaseline(text), baseline);
  });

  test("a malformed file is a BaselineError saying what is wrong", () => {
    assert.throws(() => parseBaseline("{"), (e: unknown) => e instanceof BaselineError && /not valid JSON/.test(e.message));
    assert.throws(() => parseBaseline('{"version": 9, "entries": []}'), /unsupported version 9/);
    assert.throws(() => parseBaseline('{"version": 1, "entries": [{"rule": "DJP101"}]}'), /entries\[0\]/);
  });
});

describe("env files' file-level findings", () => {
  const tracked = (file: string): Finding => ({ rule: "DJP602", severity: "error", file, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 7 } }, message: "m" });

  test("stand for the credential keys the file holds: a new credential is a new finding, a new port or a changed value is not", () => {
    const before = `DEBUG=0\nDATABASE_PASSWORD=${SECRET}\n`;
    const same = fingerprint(tracked(".env"), before);
    assert.equal(fingerprint(tracked(".env"), `PORT=8000\n${before.replace(SECRET, `${SECRET}2`)}`), same);
    assert.notEqual(fingerprint(tracked(".env"), `${before}STRIPE_API_KEY=${SECRET}3\n`), same);
    assert.ok(!fingerprintSource(tracked(".env"), before).includes(SECRET));
  });
});

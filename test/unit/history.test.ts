// The history scan's pure parts: which paths are read, what a past version holds, one secret once at the
// commit that brought it in, and the parser of `git log --raw -z` output.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { historyFileKind, mayHoldSecret } from "../../server/src/analysis/history/files";
import { historyReportLine, scanHistory, type HistoryCommit } from "../../server/src/analysis/history/history";
import { judgeBlob } from "../../server/src/analysis/history/judge";
import { parseRawLog } from "../../server/src/node/git-history";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";
import { ALNUM, fake } from "./secrets/fakeTokens";

before(() => initAnalysisFromDisk());

const KEY = fake(ALNUM, 50, 41);
const PASSWORD = fake(ALNUM, 18, 42);

describe("which files", () => {
  test("settings paths, env files and today's settings modules; never tooling folders", () => {
    const current = new Set(["conf/common.py"]);
    assert.equal(historyFileKind("mysite/settings.py", current), "settings");
    assert.equal(historyFileKind("mysite/settings/prod.py", current), "settings");
    assert.equal(historyFileKind("conf/common.py", current), "settings");
    assert.equal(historyFileKind("deploy/.env.production", current), "env");
    assert.equal(historyFileKind("prod.env", current), "env");
    assert.equal(historyFileKind("app/views.py", current), undefined);
    assert.equal(historyFileKind("venv/lib/settings.py", current), undefined);
    assert.equal(historyFileKind("node_modules/x/.env", current), undefined);
  });

  test("the content pre-filter", () => {
    assert.equal(mayHoldSecret("settings", "DEBUG = False\n"), false);
    assert.equal(mayHoldSecret("settings", 'X = "y"\n'), true);
    assert.equal(mayHoldSecret("env", "# nothing\n"), false);
  });
});

describe("judgeBlob", () => {
  test("a settings version: the rules' findings, each with its secret", () => {
    const secrets = judgeBlob("settings", "mysite/settings.py", `SECRET_KEY = "${KEY}"\nDATABASES = {"default": {"PASSWORD": "${PASSWORD}"}}\n`);
    assert.deepEqual(secrets.map((s) => [s.rule, s.line, s.secret]), [["DJP101", 0, KEY], ["DJP102", 1, PASSWORD]]);
  });

  test("a development module reports only provider tokens, as the rules do", () => {
    assert.deepEqual(judgeBlob("settings", "mysite/settings/dev.py", `SECRET_KEY = "${KEY}"\n`), []);
  });

  test("a module today's project has by reference only is judged under its own name", () => {
    const text = `SECRET_KEY = "${KEY}"\n`;
    assert.deepEqual(judgeBlob("settings", "conf/common.py", text), []);
    assert.equal(judgeBlob("settings", "conf/common.py", text, true)[0]?.rule, "DJP101");
  });

  test("an env version: SECRET_KEY, URL passwords, credential names; placeholders are not secrets", () => {
    const env = `SECRET_KEY=${KEY}\nDATABASE_URL=postgres://app:${PASSWORD}@db/app\nAPI_TOKEN=${PASSWORD}x\nEMAIL_PASSWORD=changeme\nDEBUG=1\n`;
    assert.deepEqual(judgeBlob("env", ".env", env).map((s) => [s.rule, s.line]), [["DJP101", 0], ["DJP104", 1], ["DJP102", 2]]);
  });
});

describe("scanHistory", () => {
  const commit = (sha: string, time: number, changes: HistoryCommit["changes"]): HistoryCommit => ({ sha: sha.repeat(40), time, changes });

  test("one secret once, at the oldest commit; still in the working tree or not; masked", () => {
    const texts = new Map([
      ["b1", `SECRET_KEY = "${KEY}"\nDEBUG = False\n`],
      ["b2", `# moved\nSECRET_KEY = "${KEY}"\nDEBUG = False\n`],
      ["e1", `API_TOKEN=${PASSWORD}\n`],
    ]);
    const commits = [
      commit("a", 1_700_000_000, [{ path: "mysite/settings.py", blob: "b1" }]),
      commit("b", 1_700_000_100, [{ path: "mysite/settings.py", blob: "b2" }, { path: ".env", blob: "e1" }]),
    ];
    const found = scanHistory({ commits, currentSettings: new Set(), blobText: (b) => texts.get(b), workingTexts: [`API_TOKEN=${PASSWORD}\n`] });
    assert.deepEqual(
      found.map((s) => [s.rule, s.commit[0], s.line, s.stillInWorkingTree, s.masked]),
      [["DJP101", "a", 1, false, `${KEY.slice(0, 4)}••••`], ["DJP102", "b", 1, true, `${PASSWORD.slice(0, 4)}••••`]],
    );
    assert.ok(found.every((s) => !s.message.includes(KEY) && !s.message.includes(PASSWORD)));
    assert.match(found[0]!.message, /SECRET_KEY_FALLBACKS/);
    assert.match(historyReportLine(found, 2).text, /2 secrets in past commits \(1 still in the working tree\)/);
  });
});

describe("scanHistory skips versions with nothing new that could carry a secret", () => {
  test("a quote-less change is not judged again; a rename that makes a literal a credential is", () => {
    const texts = new Map([
      ["v1", `X = "${PASSWORD}"\nREVISION = 1\n`],
      ["v2", `X = "${PASSWORD}"\nREVISION = 2\n`],
      ["v3", `API_PASSWORD = "${PASSWORD}"\nREVISION = 3\n`],
    ]);
    const commits = ["v1", "v2", "v3"].map((blob, i): HistoryCommit => ({ sha: String(i).repeat(40), time: i, changes: [{ path: "mysite/settings.py", blob }] }));
    const found = scanHistory({
      commits,
      currentSettings: new Set(),
      blobText: (b) => texts.get(b),
      workingTexts: [],
    });
    assert.deepEqual(found.map((s) => [s.rule, s.commit[0]]), [["DJP102", "2"]]);
  });
});

describe("parseRawLog", () => {
  test("commits, added and modified versions, merge results; deletions dropped", () => {
    const id = (c: string) => c.repeat(40);
    const output = [
      `\x01${id("a")} 1700000000\0\n:000000 100644 ${id("0")} ${id("1")} A\0mysite/settings.py\0`,
      `\x01${id("b")} 1700000100\0\n:100644 000000 ${id("1")} ${id("0")} D\0mysite/settings.py\0:000000 100644 ${id("0")} ${id("2")} A\0.env\0`,
      `\x01${id("c")} 1700000200\0\n::100644 100644 100644 ${id("2")} ${id("3")} ${id("4")} MM\0.env\0`,
      `\x01${id("d")} 1700000300\0\n`,
    ].join("");
    assert.deepEqual(parseRawLog(output), [
      { sha: id("a"), time: 1700000000, changes: [{ path: "mysite/settings.py", blob: id("1") }] },
      { sha: id("b"), time: 1700000100, changes: [{ path: ".env", blob: id("2") }] },
      { sha: id("c"), time: 1700000200, changes: [{ path: ".env", blob: id("4") }] },
      { sha: id("d"), time: 1700000300, changes: [] },
    ]);
  });
});

// RULES.md "Placeholder": values that stand in for a secret rather than being one.
import { memoize } from "../memo";
import { isDjangoGeneratedKey } from "./djangoKey";

const VOCABULARY = new Set([
  "change", "me", "changeme", "replace", "replaceme", "your", "my", "here", "set", "insert", "fill",
  "example", "sample", "dummy", "fake", "placeholder", "todo", "fixme", "secret", "key", "password",
  "token", "value", "django", "env", "dev", "local", "test", "xxx", "none", "null", "this", "please", "random",
  "string", "secretkey", "apikey", "default", "insecure", "unsafe", "generate", "generated", "put", "enter", "add",
  "new", "real",
]);

/** `<...>`, `${...}`, `$VAR`, `{{ ... }}`, `%(...)s`, each spanning the whole value. */
const TEMPLATE_MARKERS: readonly RegExp[] = [
  /^<[^<>]+>$/,
  /^\$\{[^{}]+\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\{\{.*\}\}$/s,
  /^%\([^()]+\)s$/,
];

/** Words that mark a whole value as a stand-in wherever they stand (`fixme-postgres-password`, `your-github-token`),
 *  in English and the languages real templates were found in (pt/es/fr/de). */
const MARKERS = new Set([
  "your", "fixme", "changeme", "replaceme", "placeholder", "seu", "sua", "coloque", "aqui", "votre", "ici", "dein", "deine", "ihr",
]);

/** Beyond RULES.md's list (read on real templates): a provider's public demo key, the classic hex filler, the words
 *  of a descriptive dummy (`server-auth-token`), and the sentinels a default spells out when a variable is not set
 *  (`MISSING_FACEBOOK_APP_SECRET`, `unset-token`). */
const EXTRA_VOCABULARY = new Set([
  "demo", "deadbeef", "dead", "beef", "auth", "server", "missing", "unset", "undefined", "notset",
  // The programmer's stand-in words (`foo`, `bar`, `foobarbaz`) and `some-secret`.
  "foo", "bar", "baz", "qux", "quux", "foobar", "some",
]);

/** A length requirement written where the value goes (`must_be_at_least_16_chars`, `insert_random_key_at_least_32`):
 *  with one of these words, the other words may be vocabulary, these, or numbers. */
const REQUIREMENT_WORDS = new Set(["least", "chars", "characters", "bytes", "minimum", "length"]);
const REQUIREMENT_FILLER = new Set(["at", "most", "must", "be", "long", "min", "max", "of", "with", "and", "digits", "letters", "symbols"]);

/** What a value naming its own slot ends with: `credentials-sso-secret`, `some-outgoing-secret`, `I am an api key`. */
const SLOT_WORDS = new Set(["secret", "key", "password", "passwd", "pwd", "pass", "token", "apikey", "secretkey"]);

/** A provider prefix before a stand-in: `sk_live_seu_token_aqui`, `whsec_your_secret`. */
const PROVIDER_PREFIX = /^[A-Za-z]{2,6}_(?:(?:live|test)_)?/;

/**
 * Whether a value is a stand-in for a secret, judged on the whole value (never a substring). `names`: the key,
 * setting or URL parts it stands for — their words count as vocabulary (`mail-gun-api-key` for MAILGUN_API_KEY).
 */
export function isPlaceholder(value: string, names: readonly string[] = []): boolean {
  return placeholderMemo(`${names.join("\u0001")}\u0000${value}`);
}

const placeholderMemo = memoize((key: string) => {
  const split = key.indexOf("\u0000");
  const names = key.slice(0, split);
  const value = key.slice(split + 1);
  // Django's generator draws from a small lowercase alphabet, so its keys must not be mistaken for words
  // (`secret-key-secret-key-…` of its length keeps the generator's shape).
  if (isDjangoGeneratedKey(value)) return false;
  return placeholder(value, nameVocabulary(names)) || describesItsName(value, names ? names.split("\u0001") : []) || namesItsSlot(value) || statesRequirement(value);
});

/** A length requirement where the value goes: `must_be_at_least_16_chars`, `insert_random_key_at_least_32_bytes`. */
function statesRequirement(value: string): boolean {
  const words = wordsOf(value);
  if (!words.some((word) => REQUIREMENT_WORDS.has(word))) return false;
  return words.every((word) => REQUIREMENT_WORDS.has(word) || REQUIREMENT_FILLER.has(word) || isVocabulary(word) || /^\d+$/.test(word));
}

/**
 * Words that say what belongs there rather than being it: two or more plain words (letters; lower-case words may hold
 * digits, `oauth2`) ending in a word such as secret, key or token — `credentials-sso-secret`, `some-outgoing-secret`,
 * `I am an api key`. A passphrase ends in an ordinary word (`correct-horse-battery-staple`) and stays a secret, as do
 * values with symbols or mixed-case digits. Reading beyond RULES.md's vocabulary, from real settings and templates.
 */
function namesItsSlot(value: string): boolean {
  const parts = value.trim().split(/[-_ ]+/);
  if (parts.length < 2 || parts.some((part) => !/^(?:\p{L}+|[\p{Ll}\d]+)$/u.test(part))) return false;
  return SLOT_WORDS.has(parts[parts.length - 1].toLowerCase());
}

/**
 * A value that spells out every word of its own name (two words or more) describes the key rather than being its
 * secret: `DB_PASSWORD=shynet_db_user_password` in a template, `"Map Box API Key"` for `MAP_API_KEY`, made of words
 * only. Reading beyond RULES.md's vocabulary, from real templates and settings.
 */
function describesItsName(value: string, names: readonly string[]): boolean {
  const all = wordsOf(value);
  // Only words: `github-Xk2j9q-token` keeps a random part between the key's words and stays a secret.
  if (!all.every((word) => /^\p{L}+$/u.test(word))) return false;
  const words = new Set(all);
  return names.some((name) => {
    const own = [...nameVocabulary(name)];
    return own.length >= 2 && own.every((word) => words.has(word));
  });
}

function nameVocabulary(names: string): Set<string> {
  return new Set(names.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/).map((word) => word.toLowerCase()).filter((word) => word.length > 1 && !/^\d+$/.test(word)));
}

function placeholder(value: string, names: ReadonlySet<string>): boolean {
  const trimmed = value.trim();
  if (trimmed === "" || isOneCharacterRepeated(trimmed) || TEMPLATE_MARKERS.some((marker) => marker.test(trimmed))) return true;
  // A zero-filled hex value (`0x0000…`, a provider's published test key) is one character repeated behind its prefix.
  if (/^0x0+$/i.test(trimmed)) return true;
  // A provider's prefix alone (`sk-`, `ghp_`, `xoxb-`): the template shows the shape, the key is to be filled in.
  if (/^[A-Za-z]{2,5}[-_]$/.test(trimmed)) return true;
  const words = wordsOf(trimmed);
  if (words.some((word) => MARKERS.has(word))) return true;
  if (hasOnlyVocabularyWords(words, names)) return true;
  if (words.length === 1 && isLeetVocabularyWord(words[0])) return true;
  const prefix = PROVIDER_PREFIX.exec(trimmed)?.[0];
  return prefix !== undefined && prefix.length < trimmed.length && hasOnlyVocabularyWords(wordsOf(trimmed.slice(prefix.length)), names);
}

/** Digits read as letters; words hold letters and digits only (wordsOf), so `@`/`$` never reach here. */
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };

/** `s3cr3t`, `p4ssw0rd`: one vocabulary word in leetspeak is the word itself (`s3cr3t-Pa55` stays a secret). */
function isLeetVocabularyWord(word: string): boolean {
  if (!/\d/.test(word)) return false;
  const plain = word.replace(/[013457]/g, (c) => LEET[c]);
  return /^[a-z]+$/.test(plain) && (VOCABULARY.has(plain) || EXTRA_VOCABULARY.has(plain));
}

function isOneCharacterRepeated(value: string): boolean {
  return new Set(value).size === 1;
}

function wordsOf(value: string): string[] {
  return value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
}

/** All words are stand-in words, and at least one comes from the vocabulary: a value made only of the key's own
 *  words (`POSTGRES_PASSWORD=postgres`, `guest:guest`) is a well-known default, not a stand-in. */
function hasOnlyVocabularyWords(words: readonly string[], names: ReadonlySet<string>): boolean {
  const kinds = words.map((word) => wordKind(word, names));
  if (kinds.length > 0 && kinds.every((kind) => kind !== "none") && kinds.includes("vocabulary")) return true;
  // Words split where the key's are not: `mail-gun-api-key` for MAILGUN_API_KEY reads as mailgun + api + key.
  return words.length > 1 && words.length <= 8 && wordKind(words.join(""), names) === "vocabulary";
}

type WordKind = "none" | "name" | "vocabulary";

const isVocabulary = (part: string) => VOCABULARY.has(part) || EXTRA_VOCABULARY.has(part);

function wordKind(word: string, names: ReadonlySet<string>): WordKind {
  // `xxxx` and `xxxxxxxx` stand for "xxx" as much as `xxx` does.
  if (isVocabulary(word) || /^x{3,}$/.test(word)) return "vocabulary";
  if (names.has(word)) return "name";
  return compoundKind(word, names);
}

/** `yourgithubtoken`, `redispassword` (with "redis" from the URL): vocabulary and name words run together. */
function compoundKind(word: string, names: ReadonlySet<string>): WordKind {
  if (word.length > 64) return "none";
  // `emailpassword123`: digits after a compound of two or more words (one word and digits, `changeme123` or
  // `password123`, stays a real-looking value).
  const numbered = /^([a-z]+)\d+$/.exec(word)?.[1];
  if (numbered !== undefined) return isVocabulary(numbered) || names.has(numbered) ? "none" : compoundKind(numbered, names);
  if (/\d/.test(word)) return "none";
  // For each prefix length: undefined (not reachable), false (name words only so far), true (a vocabulary word in it).
  const reached = new Array<boolean | undefined>(word.length + 1).fill(undefined);
  reached[0] = false;
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const before = reached[start];
      const part = word.slice(start, end);
      // Two-letter words (`me`, `my`) count whole or opening a compound (`mypassword`): inside one they would make
      // too much out of noise.
      if (before === undefined || (part.length < 3 && !(start === 0 && isVocabulary(part)))) continue;
      if (isVocabulary(part)) reached[end] = true;
      else if (names.has(part) && reached[end] === undefined) reached[end] = before;
      else if (names.has(part) && before) reached[end] = true;
    }
  }
  const result = reached[word.length];
  return result === undefined ? "none" : result ? "vocabulary" : "name";
}

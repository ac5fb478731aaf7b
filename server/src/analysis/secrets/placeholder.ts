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

/** Whether a value is a stand-in for a secret, judged on the whole value (never a substring). */
export const isPlaceholder: (value: string) => boolean = memoize(placeholder);

function placeholder(value: string): boolean {
  // Django's generator draws from a small lowercase alphabet, so its keys must not be mistaken for words.
  if (isDjangoGeneratedKey(value)) return false;
  const trimmed = value.trim();
  return (
    trimmed === "" ||
    isOneCharacterRepeated(trimmed) ||
    TEMPLATE_MARKERS.some((marker) => marker.test(trimmed)) ||
    hasOnlyVocabularyWords(trimmed)
  );
}

function isOneCharacterRepeated(value: string): boolean {
  return new Set(value).size === 1;
}

function hasOnlyVocabularyWords(value: string): boolean {
  const words = value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
  return words.length > 0 && words.every(isVocabularyWord);
}

function isVocabularyWord(word: string): boolean {
  // `xxxx` and `xxxxxxxx` stand for "xxx" as much as `xxx` does.
  return VOCABULARY.has(word) || /^x{3,}$/.test(word);
}

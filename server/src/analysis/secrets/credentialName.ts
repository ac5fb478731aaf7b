// RULES.md "Credential name": setting names, dict keys and keyword names that hold a credential.
import { memoize } from "../memo";

const CREDENTIAL_WORDS = new Set(["PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS"]);

const CREDENTIAL_PAIRS: readonly (readonly [string, string])[] = [
  ["API", "KEY"],
  ["ACCESS", "KEY"],
  ["PRIVATE", "KEY"],
  ["AUTH", "KEY"],
  ["SIGNING", "KEY"],
  ["ENCRYPTION", "KEY"],
  ["CLIENT", "SECRET"],
];

/** A last word that makes the name describe a credential's metadata rather than hold one. */
const EXCLUDED_LAST_WORDS = new Set([
  "NAME", "URL", "FILE", "PATH", "HEADER", "BACKEND", "CLASS", "FIELD", "LENGTH", "AGE", "EXPIRY",
  "EXPIRE", "TIMEOUT", "HASHERS", "VALIDATORS", "ENABLED", "PREFIX", "ID", "MODEL", "MODELS", "CLASSES", "CLAIM",
  "ENDPOINT", "URI", "URLS", "LIMIT", "LIMITS", "RATE", "RATES", "TIME", "LIFETIME", "THRESHOLD", "STRATEGY",
  "SERIALIZER", "FORM", "FORMS", "TEMPLATE", "VIEW", "HANDLER",
  // Reading of RULES.md on real projects: a password policy's options (`PASSWORD_USER_ATTRIBUTES`, the attribute
  // names a password must not resemble; `PASSWORD_CUSTOM_CHARACTER_RULES`, regular expressions) describe passwords.
  "ATTRIBUTE", "ATTRIBUTES", "RULE", "RULES", "POLICY", "PATTERN", "PATTERNS", "REGEX",
  // …and the name of a protocol parameter that carries one (`…_ID_TOKEN_PARAMETER = "id_token_hint"`).
  "PARAMETER", "PARAMETERS", "PARAM", "PARAMS",
  // …or how one is sent (`token_endpoint_auth_method: ["private_key_jwt"]`).
  "METHOD", "METHODS",
]);

/**
 * The upper-cased words of a name, split on `_`, `-` (any non-alphanumeric) and case changes:
 * `emailHostPassword` and `EMAIL_HOST_PASSWORD` both give EMAIL, HOST, PASSWORD; `APIKey` gives API, KEY.
 */
export function splitNameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toUpperCase());
}

export const isCredentialName: (name: string) => boolean = memoize(credentialName);

function credentialName(name: string): boolean {
  const words = splitNameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || EXCLUDED_LAST_WORDS.has(last)) return false;
  return words.some((word) => CREDENTIAL_WORDS.has(word)) || hasCredentialPair(words);
}

function hasCredentialPair(words: readonly string[]): boolean {
  return words.some((word, index) =>
    CREDENTIAL_PAIRS.some(([first, second]) => word === first && words[index + 1] === second),
  );
}

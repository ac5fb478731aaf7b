// Django's own notion of a secret key: the shape its generator produces, and the W009 weakness rule.

const INSECURE_PREFIX = "django-insecure-";
const KEY_LENGTH = 50;
const MIN_UNIQUE_CHARACTERS = 5;

/** `get_random_secret_key()` draws 50 characters from this alphabet. */
const GENERATED_BODY = "[a-z0-9!@#$%^&*(\\-_=+)]{50}";
const GENERATED_KEY = new RegExp(`^(?:${INSECURE_PREFIX})?${GENERATED_BODY}$`);

/** A key shaped like one Django generated: `django-insecure-` + 50 characters, or 50 bare characters, of its alphabet. */
export function isDjangoGeneratedKey(value: string): boolean {
  return GENERATED_KEY.test(value);
}

/**
 * Why Django's `security.W009` check would call this key weak, as a phrase for a message
 * ("it is shorter than 50 characters"); undefined when the check would accept it.
 */
export function djangoKeyWeakness(value: string): string | undefined {
  const characters = [...value];
  const reasons: string[] = [];
  if (value.startsWith(INSECURE_PREFIX)) reasons.push(`starts with the ${INSECURE_PREFIX} prefix`);
  if (characters.length < KEY_LENGTH) reasons.push(`is shorter than ${KEY_LENGTH} characters`);
  if (new Set(characters).size < MIN_UNIQUE_CHARACTERS) {
    reasons.push(`has fewer than ${MIN_UNIQUE_CHARACTERS} distinct characters`);
  }
  return reasons.length === 0 ? undefined : `it ${joinPhrases(reasons)}`;
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join("");
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`;
}

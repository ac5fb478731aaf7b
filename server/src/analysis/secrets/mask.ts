// Secrets are never echoed: messages, hovers, logs and reports show only their first characters.

const SHOWN_CHARACTERS = 4;
const MASK = "••••";

/** The first 4 characters (code points) then `••••`; a value of 4 characters or fewer is all mask. */
export function maskSecret(value: string): string {
  const characters = [...value];
  if (characters.length <= SHOWN_CHARACTERS) return MASK;
  return characters.slice(0, SHOWN_CHARACTERS).join("") + MASK;
}

/** The text with every occurrence of each non-empty secret masked. */
export function maskInText(text: string, secrets: string[]): string {
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  return ordered.reduce((masked, secret) => masked.split(secret).join(maskSecret(secret)), text);
}

// What an env file entry's value is, when it is a secret: the DJP101–DJP104 judgements applied to a key and
// its value (for the history scan, and for the baseline fingerprint of an env file).
import type { DotenvEntry } from "../dotenv/parse";
import { isCredentialName } from "./credentialName";
import { isPlaceholder } from "./placeholder";
import { findProviderTokens } from "./tokens";
import { findUrlPassword } from "./urlPassword";

export type EnvSecretRule = "DJP101" | "DJP102" | "DJP103" | "DJP104";

const SECRET_KEY_NAMES = new Set(["SECRET_KEY", "DJANGO_SECRET_KEY", "SECRET_KEY_FALLBACKS"]);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One judgement per value, the first that applies of DJP101, DJP103, DJP104, DJP102 (RULES.md's precedence without the env-default rule). */
export function envEntrySecret(entry: DotenvEntry): { rule: EnvSecretRule; secret: string } | undefined {
  const value = entry.value;
  if (value === undefined || value === "") return undefined;
  if (SECRET_KEY_NAMES.has(entry.key) && !isPlaceholder(value)) return { rule: "DJP101", secret: value };
  const token = findProviderTokens(value, entry.key)[0];
  if (token) return { rule: "DJP103", secret: value.slice(token.start, token.end) };
  const url = findUrlPassword(value);
  if (url && !isPlaceholder(decoded(url.password))) return { rule: "DJP104", secret: url.password };
  if (isCredentialName(entry.key) && !isPlaceholder(value)) return { rule: "DJP102", secret: value };
  return undefined;
}

// RULES.md "Credential name": a value that cannot be a secret is never a credential, whatever its name —
// import paths, app.Model labels, URLs without a password, paths, durations and rates, numbers, True/False/None,
// and (read on real settings) a namespaced cache key and an UPPER_SNAKE_CASE name (a dict mapping settings to env
// variable names).
import { memoize } from "../memo";
import { isPlaceholder } from "./placeholder";
import { findUrlPassword } from "./urlPassword";

/** `myapp.auth.tokens.TokenGenerator`, `oauth2_provider.AccessToken`: identifiers joined by dots. */
const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
/** A dotted path must look like code: a lowercase module part, or a CamelCase class at the end (`a1.b2` is not). */
const CODE_LIKE = /(?:^|\.)[a-z_][a-z0-9_]*\.|\.(?:[A-Z][a-z0-9]+)+$/;

const URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;

/** `/password/reset/{uid}/`, `./keys`, `~/x`, `emails/reset.html`, `C:\certs`. */
const ABSOLUTE_PATH = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)[\w.{}<>:@%\\/-]*$/;
/** A relative URL path ends with a slash (`password/reset/{uid}/`); a file path has an extension (FILE_NAME). */
const RELATIVE_FILE_PATH = /^[\w.-]+(?:\/[\w.{}<>:-]+)*\/$/;
const FILE_NAME = /^[\w-]+(?:\/[\w-]+)*\.(?:html?|txt|json|ya?ml|pem|crt|key|cer|p12|pfx|py|cfg|ini|toml|xml|csv|log|jpg|png|svg)$/i;

const TIME_UNIT = "(?:s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|month|months|y|year|years)";
const DURATION = new RegExp(`^\\d+(?:\\.\\d+)?\\s*${TIME_UNIT}$`, "i");
/** `5/m`, `60/minute`, and django-allauth's `1/m/ip,5/m/key` lists. */
const ONE_RATE = `\\d+\\s*/\\s*\\d*\\s*${TIME_UNIT}(?:/[a-z]+)?`;
const RATE = new RegExp(`^${ONE_RATE}(?:\\s*,\\s*${ONE_RATE})*$`, "i");
/** `.png`: a bare file extension. */
const EXTENSION = /^\.[A-Za-z0-9]{1,6}$/;
/** `login/forgot`, `api/v1/token`: a lowercase URL path (a random secret mixes cases). */
const LOWERCASE_URL_PATH = /^[a-z][a-z0-9_-]*(?:\/[a-z0-9_.{}<>:-]+)+$/;
/** `sumo:wiki:full-rebuild`: a namespaced cache or lock key, lowercase words joined by colons (three parts or more). */
const NAMESPACED_KEY = /^[a-z]+(?:[_-][a-z]+)*(?::[a-z]+(?:[_-][a-z]+)*){2,}$/;
const NUMBER = /^[+-]?(?:\d[\d_]*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const KEYWORDS = new Set(["true", "false", "none", "null"]);
/** `SLACK_CLIENT_OAUTH_SECRET`: the name of a setting or env variable (a mapping of names, a sentinel), not a value. */
const UPPER_SNAKE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)+$/;

/** Whether a literal is one of RULES.md's values that cannot be a secret. */
export const cannotBeSecret: (value: string) => boolean = memoize(notSecret);

function notSecret(raw: string): boolean {
  const value = raw.trim();
  if (value === "") return false;
  return (
    KEYWORDS.has(value.toLowerCase()) ||
    NUMBER.test(value) ||
    UPPER_SNAKE_NAME.test(value) ||
    DURATION.test(value) ||
    RATE.test(value) ||
    (DOTTED_PATH.test(value) && CODE_LIKE.test(value)) ||
    (URL.test(value) && !findUrlPassword(value)) ||
    ABSOLUTE_PATH.test(value) ||
    RELATIVE_FILE_PATH.test(value) ||
    LOWERCASE_URL_PATH.test(value) ||
    EXTENSION.test(value) ||
    FILE_NAME.test(value) ||
    NAMESPACED_KEY.test(value)
  );
}

/** A literal a credential name may really hold: neither a placeholder nor a value that cannot be a secret.
 *  `names`: the names it is assigned to (their words count as placeholder words). */
export function couldBeCredential(value: string, names: readonly string[] = []): boolean {
  return !isPlaceholder(value, names) && !cannotBeSecret(value);
}

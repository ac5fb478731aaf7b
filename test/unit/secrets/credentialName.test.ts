import { test } from "node:test";
import assert from "node:assert/strict";
import { isCredentialName, splitNameWords } from "../../../server/src/analysis/secrets/credentialName";

test("splitNameWords splits on _, - and case changes, upper-casing the words", () => {
  assert.deepEqual(splitNameWords("emailHostPassword"), ["EMAIL", "HOST", "PASSWORD"]);
  assert.deepEqual(splitNameWords("EMAIL_HOST_PASSWORD"), ["EMAIL", "HOST", "PASSWORD"]);
  assert.deepEqual(splitNameWords("client-secret"), ["CLIENT", "SECRET"]);
  assert.deepEqual(splitNameWords("ApiKey"), ["API", "KEY"]);
  assert.deepEqual(splitNameWords("APIKEY"), ["APIKEY"]);
  assert.deepEqual(splitNameWords("APIKey"), ["API", "KEY"]);
  assert.deepEqual(splitNameWords("oauth2ClientSecret"), ["OAUTH2", "CLIENT", "SECRET"]);
  assert.deepEqual(splitNameWords("__private__"), ["PRIVATE"]);
  assert.deepEqual(splitNameWords(""), []);
});

const credentials = [
  "PASSWORD", "EMAIL_HOST_PASSWORD", "emailHostPassword", "client-secret", "DB_PASSWD", "DB_PASS", "DB_PWD",
  "SECRET_KEY", "SECRET_KEY_FALLBACKS", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "authToken", "APIKEY", "api_key",
  "ApiKey", "apikey", "STRIPE_API_KEY", "MINIO_ACCESS_KEY", "JWT_PRIVATE_KEY", "PUSHER_AUTH_KEY", "SIGNING_KEY",
  "FIELD_ENCRYPTION_KEY", "OAUTH_CLIENT_SECRET", "GOOGLE_CREDENTIALS", "GS_CREDENTIAL", "password", "pass",
  "SOCIAL_AUTH_GITHUB_SECRET", "REDIS-PASSWORD",
];

const notCredentials = [
  // RULES.md examples
  "AUTH_PASSWORD_VALIDATORS", "PASSWORD_HASHERS", "PASSWORD_RESET_TIMEOUT", "CSRF_COOKIE_NAME",
  // excluded last words
  "AWS_ACCESS_KEY_ID", "SESSION_COOKIE_AGE", "SECRET_KEY_FILE", "PASSWORD_FILE", "TOKEN_URL", "API_KEY_HEADER",
  "PASSWORD_FIELD", "TOKEN_LENGTH", "TOKEN_EXPIRY", "TOKEN_EXPIRE", "SECRET_PATH", "TOKEN_BACKEND",
  "PASSWORD_CLASS", "API_KEY_ENABLED", "API_KEY_PREFIX", "API_KEY_NAME", "clientSecretUrl",
  // a password policy's options (reading of RULES.md on a real project's django-constance settings)
  "PASSWORD_USER_ATTRIBUTES", "PASSWORD_CUSTOM_CHARACTER_RULES", "PASSWORD_POLICY", "PASSWORD_REGEX", "TOKEN_PATTERN",
  "AUTH_OPENID_PROVIDER_END_SESSION_ID_TOKEN_PARAMETER", "token_endpoint_auth_method",
  // no credential word
  "CACHE_KEY_PREFIX", "STRIPE_KEY", "KEY", "DEBUG", "ALLOWED_HOSTS", "AWS_STORAGE_BUCKET_NAME", "EMAIL_HOST_USER",
  "PASSENGER_COUNT", "BYPASS", "COMPASS_URL", "SECRETARY", "KEY_API", "ACCESS_LOG", "", "CACHE_MIDDLEWARE_KEY_PREFIX",
];

test("credential names", () => {
  for (const name of credentials) assert.equal(isCredentialName(name), true, name);
});

test("names that are not credentials", () => {
  for (const name of notCredentials) assert.equal(isCredentialName(name), false, name);
});

// RULES.md "Credential name": values that cannot be a secret, whatever they are assigned to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cannotBeSecret, couldBeCredential } from "../../../server/src/analysis/secrets/notSecret";
import { isPlaceholder } from "../../../server/src/analysis/secrets/placeholder";
import { isCredentialName } from "../../../server/src/analysis/secrets/credentialName";

const NOT_SECRETS = [
  // dotted import paths and app.Model labels
  "oauth2_provider.AccessToken", "myapp.auth.tokens.TokenGenerator", "rest_framework_simplejwt.tokens.AccessToken", "app.adapter.TokenStrategy",
  // URLs without a password
  "https://oauth2.googleapis.com/token", "redis://cache:6379/0", "https://cdn.example.org",
  // paths
  "/password/reset/{uid}/", "emails/reset.html", "password/reset/", "login/forgot", "/etc/ssl/private/key.pem", ".png",
  // durations and rates
  "15 minutes", "5/min", "60/minute", "5/m", "1/m/ip,1/m/key", "10/h",
  // numbers and keywords
  "3", "0.5", "True", "false", "None",
];

const SECRETS = ["s3cr3t-Pa55", "hunter2hunter2", "a1B2c3D4e5F6/g7H8", "postgres://u:pw-9x@db/x", "eyJhbGci.eyJzdWIi.SflKxwRJSMeKKF2QT4fw"];

test("values that cannot be a secret", () => {
  for (const value of NOT_SECRETS) assert.equal(cannotBeSecret(value), true, value);
});

test("values that may be a secret", () => {
  for (const value of SECRETS) assert.equal(cannotBeSecret(value), false, value);
});

test("the revised last words exclude metadata names", () => {
  for (const name of ["OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL", "AUTH_TOKEN_CLASSES", "TOKEN_TYPE_CLAIM", "GOOGLE_TOKEN_ENDPOINT", "HEADLESS_TOKEN_STRATEGY", "RESET_PASSWORD_LOCK_TIME", "API_KEY_RATE_LIMIT", "ACCOUNT_PASSWORD_FORMS", "TOKEN_LOGO_BASE_URI"]) {
    assert.equal(isCredentialName(name), false, name);
  }
  for (const name of ["API_KEY", "DB_PASSWORD", "GITHUB_TOKEN"]) assert.equal(isCredentialName(name), true, name);
});

test("placeholders read on real templates: marker words, the key's own words, compounds, provider prefixes", () => {
  assert.equal(isPlaceholder("your-github-token", ["GITHUB_TOKEN"]), true);
  assert.equal(isPlaceholder("fixme-postgres-password"), true);
  assert.equal(isPlaceholder("mail-gun-api-key", ["MAILGUN_API_KEY"]), true, "read as mailgun + api + key");
  assert.equal(isPlaceholder("emailpassword123", ["EMAIL_HOST_PASSWORD"]), true);
  assert.equal(isPlaceholder("password123"), false);
  assert.equal(isPlaceholder("changeme123"), false);
  assert.equal(isPlaceholder("mailgun-api-key", ["MAILGUN_API_KEY"]), true);
  assert.equal(isPlaceholder("DEMO_KEY"), true);
  assert.equal(isPlaceholder("deadbeef-dead-beef-dead-beefdeadbeef"), true);
  assert.equal(isPlaceholder("redispassword", ["redis://: @cache:6379"]), true);
  assert.equal(isPlaceholder("sk_live_seu_token_aqui"), true);
  assert.equal(isPlaceholder("sk-"), true);
  assert.equal(isPlaceholder("ghp_"), true);
  assert.equal(isPlaceholder("coloque_sua_senha_aqui"), true);
  assert.equal(isPlaceholder("emailpassword", ["EMAIL_HOST_PASSWORD"]), true);
  // a value spelling out every word of its own key describes it (held-out projects: a template, a help text)
  assert.equal(isPlaceholder("shop_db_user_password", ["DB_PASSWORD"]), true);
  assert.equal(isPlaceholder("Map API Key of the tile provider", ["CONSTANCE_CONFIG", "MAP_API_KEY"]), true);
  // …and since held-out set 7, any value of plain words ending in password/secret/key/token names a slot, whatever its key
  assert.equal(isPlaceholder("shop_db_user_password", ["SMTP_PASSWORD"]), true);
  assert.equal(isPlaceholder("shop_db_user_Pa55", ["SMTP_PASSWORD"]), false, "mixed case with digits stays real-looking");
  // held-out set 4: leetspeak of one vocabulary word, a descriptive dummy
  assert.equal(isPlaceholder("s3cr3t", ["SECRET_KEY"]), true);
  assert.equal(isPlaceholder("p4ssw0rd"), true);
  assert.equal(isPlaceholder("server-auth-token", ["partner_api_auth_key"]), true);
  // still real
  assert.equal(isPlaceholder("github-Xk2j9q-token", ["GITHUB_TOKEN"]), false);
  assert.equal(isPlaceholder("sk_live_4eC39HqLyjWDarjtT1zdp7dc"), false);
  assert.equal(couldBeCredential("s3cr3t-Pa55", ["DB_PASSWORD"]), true);
  assert.equal(couldBeCredential("15 minutes", ["LOCK_PASSWORD"]), false);
  // a namespaced cache key (held-out set 3) is no secret; a colon-joined random value still may be
  assert.equal(couldBeCredential("shop:search:full-rebuild", ["REBUILD_TOKEN"]), false);
  assert.equal(couldBeCredential("shop:Xk29vLq:rebuild", ["REBUILD_TOKEN"]), true);
});

test("an UPPER_SNAKE_CASE name is a name, not a secret (a mapping of settings to env variables)", () => {
  for (const value of ["SLACK_CLIENT_OAUTH_SECRET", "MATTERMOST_LOGIN_RETURN_REDIRECT_SECRET", "DB_PASSWORD"]) assert.equal(cannotBeSecret(value), true, value);
  // One word, digits first, or mixed case are values.
  for (const value of ["HUNTER", "PASSWORD", "9X_ABC", "Abc_Def_Ghi", "A1B2_c3"]) assert.equal(cannotBeSecret(value), false, value);
});

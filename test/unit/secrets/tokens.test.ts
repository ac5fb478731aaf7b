import { test } from "node:test";
import assert from "node:assert/strict";
import { findProviderTokens, isGoogleServiceAccount } from "../../../server/src/analysis/secrets/tokens";
import { ALNUM, BASE32, BASE64, DIGITS, HEX, LOWER, UPPER, WORD, fake } from "./fakeTokens";

interface Positive {
  row: string;
  token: string;
  name?: string;
  provider: string;
}

const pemBody = [fake(BASE64, 64, 1), fake(BASE64, 64, 2), fake(BASE64, 20, 3)].join("\n");
const pem = (label: string): string =>
  `-----BEGIN ${label}PRIVATE KEY-----\n${pemBody}\n-----END ${label}PRIVATE KEY-----`;
const jwtPart = (seed: number): string => "eyJ" + fake(WORD, 30, seed);

const positives: Positive[] = [
  { row: "AWS access key id", token: "AKIA" + fake(BASE32, 16), provider: "AWS access key id" },
  { row: "AWS access key id (ASIA)", token: "ASIA" + fake(BASE32, 16, 2), provider: "AWS access key id" },
  { row: "AWS secret", token: fake(BASE64, 40), name: "AWS_SECRET_ACCESS_KEY", provider: "AWS secret access key" },
  { row: "Google API key", token: "AIza" + fake(WORD, 35), provider: "Google API key" },
  { row: "Azure AD", token: fake(ALNUM, 3) + "8Q~" + fake(WORD + "~.", 34), provider: "Azure AD client secret" },
  { row: "Azure storage", token: "AccountKey=" + fake(BASE64, 86) + "==", provider: "Azure storage account key" },
  { row: "GitHub ghp", token: "ghp_" + fake(ALNUM, 36), provider: "GitHub token" },
  { row: "GitHub ghs", token: "ghs_" + fake(ALNUM, 36, 3), provider: "GitHub token" },
  { row: "GitHub fine-grained", token: "github_pat_" + fake(ALNUM + "_", 82), provider: "GitHub token" },
  { row: "GitLab glpat", token: "glpat-" + fake(WORD, 20), provider: "GitLab token" },
  { row: "GitLab routable", token: "glpat-" + fake(WORD, 36) + ".01." + fake(LOWER + DIGITS, 9), provider: "GitLab token" },
  { row: "GitLab deploy", token: "gldt-" + fake(WORD, 20), provider: "GitLab token" },
  { row: "GitLab runner registration", token: "GR1348941" + fake(WORD, 20), provider: "GitLab token" },
  { row: "Slack bot", token: "xoxb-" + fake(DIGITS, 11) + "-" + fake(DIGITS, 12) + "-" + fake(ALNUM, 24), provider: "Slack token" },
  { row: "Slack app", token: "xapp-1-" + fake(UPPER + DIGITS, 11) + "-" + fake(DIGITS, 13) + "-" + fake(HEX, 64), provider: "Slack app token" },
  {
    row: "Slack webhook",
    token: "https://hooks.slack.com/services/T" + fake(UPPER + DIGITS, 8) + "/B" + fake(UPPER + DIGITS, 10) + "/" + fake(ALNUM, 24),
    provider: "Slack webhook URL",
  },
  { row: "Stripe live", token: "sk_" + "live_" + fake(ALNUM, 24), provider: "Stripe secret key" },
  { row: "Stripe restricted test", token: "rk_" + "test_" + fake(ALNUM, 24), provider: "Stripe secret key" },
  { row: "Twilio API key", token: "SK" + fake(HEX, 32), provider: "Twilio API key" },
  { row: "Twilio auth token", token: fake(HEX, 32), name: "TWILIO_AUTH_TOKEN", provider: "Twilio auth token" },
  { row: "SendGrid", token: "SG." + fake(WORD, 22) + "." + fake(WORD, 43), provider: "SendGrid API key" },
  { row: "Brevo", token: "xkeysib-" + fake(HEX, 64) + "-" + fake(ALNUM, 16), provider: "Brevo API key" },
  { row: "Mailgun", token: "key-" + fake(HEX, 32), name: "MAILGUN_API_KEY", provider: "Mailgun API key" },
  { row: "Mailchimp", token: fake(HEX, 32) + "-us21", name: "MAILCHIMP_KEY", provider: "Mailchimp API key" },
  { row: "Sentry user", token: "sntryu_" + fake(HEX, 64), provider: "Sentry auth token" },
  { row: "Sentry org", token: "sntrys_eyJ" + fake(BASE64, 80) + "_" + fake(ALNUM, 43), provider: "Sentry auth token" },
  { row: "OpenAI project", token: "sk-proj-" + fake(WORD, 120), provider: "OpenAI API key" },
  { row: "OpenAI legacy", token: "sk-" + fake(ALNUM, 20) + "T3Blbk" + "FJ" + fake(ALNUM, 20), provider: "OpenAI API key" },
  { row: "Anthropic", token: "sk-ant-" + "api03-" + fake(WORD, 93) + "AA", provider: "Anthropic API key" },
  { row: "Hugging Face", token: "hf_" + fake(UPPER + LOWER, 34), provider: "Hugging Face token" },
  { row: "DigitalOcean", token: "dop_" + "v1_" + fake(HEX, 64), provider: "DigitalOcean token" },
  { row: "npm", token: "npm_" + fake(ALNUM, 36), provider: "npm token" },
  { row: "PyPI", token: "pypi-" + "AgEIcHlwaS5vcmc" + fake(WORD, 70), provider: "PyPI token" },
  { row: "Shopify", token: "shpat_" + fake(HEX, 32), provider: "Shopify token" },
  { row: "Square access", token: "sq0atp-" + fake(WORD, 22), provider: "Square access token" },
  { row: "Square secret", token: "sq0csp-" + fake(WORD, 43), provider: "Square OAuth secret" },
  { row: "Square EAAA", token: "EAAA" + fake(WORD, 60), provider: "Square access token" },
  { row: "Telegram", token: fake(DIGITS, 10) + ":A" + fake(WORD, 34), name: "TELEGRAM_BOT_TOKEN", provider: "Telegram bot token" },
  { row: "Vault service", token: "hvs." + fake(WORD, 95), provider: "HashiCorp Vault token" },
  { row: "Vault batch", token: "hvb." + fake(WORD, 140), provider: "HashiCorp Vault token" },
  { row: "Private key", token: pem(""), provider: "Private key" },
  { row: "RSA private key", token: pem("RSA "), provider: "Private key" },
  { row: "OpenSSH private key", token: pem("OPENSSH "), provider: "Private key" },
  { row: "JWT", token: [jwtPart(1), jwtPart(2), fake(WORD, 43)].join("."), provider: "JWT" },
];

test("every TOKENS.md row has a positive: found alone, with offsets", () => {
  for (const { row, token, name, provider } of positives) {
    assert.deepEqual(findProviderTokens(token, name), [{ provider, start: 0, end: token.length }], row);
  }
});

test("every token is found inside surrounding text at its offsets", () => {
  for (const { row, token, name, provider } of positives) {
    const value = `prefix ${token} "suffix"`;
    const found = findProviderTokens(value, name);
    assert.deepEqual(found, [{ provider, start: 7, end: 7 + token.length }], row);
  }
});

interface Negative {
  row: string;
  value: string;
  name?: string;
}

const awsId = "AKIA" + fake(BASE32, 16);
const negatives: Negative[] = [
  { row: "AWS id documentation example", value: "AKIA" + "IOSFODNN7" + "EXAMPLE" },
  { row: "AWS id inside a longer run", value: awsId + "QQ" },
  { row: "AWS id preceded by letters", value: "X" + awsId },
  { row: "AWS id too short", value: awsId.slice(0, 19) },
  { row: "AWS secret with no name", value: fake(BASE64, 40) },
  { row: "AWS secret near AWS but not SECRET", value: fake(BASE64, 40), name: "AWS_ACCESS_KEY_ID" },
  { row: "AWS secret documentation example", value: fake(BASE64, 30) + "EXAMPLE" + "KEY", name: "AWS_SECRET_ACCESS_KEY" },
  { row: "AWS secret 41 chars", value: fake(BASE64, 41), name: "AWS_SECRET_ACCESS_KEY" },
  { row: "Google API key too short", value: "AIza" + fake(WORD, 30) },
  { row: "Azure AD without Q~", value: fake(ALNUM, 3) + "8Q-" + fake(WORD, 34) },
  { row: "Azure storage too short", value: "AccountKey=" + fake(BASE64, 40) },
  { row: "GitHub token too short", value: "ghp_" + fake(ALNUM, 30) },
  { row: "GitHub token placeholder", value: "ghp_" + "x".repeat(36) },
  { row: "GitHub unknown prefix", value: "ghx_" + fake(ALNUM, 36) },
  { row: "GitLab too short", value: "glpat-" + fake(WORD, 12) },
  { row: "GitLab longer without a routable suffix", value: "glpat-" + fake(WORD, 26) },
  { row: "Slack placeholder", value: "xoxb-your-bot-token-here" },
  { row: "Slack documentation webhook", value: "https://hooks.slack.com/services/T00000000/B00000000/" + "X".repeat(24) },
  { row: "Stripe publishable key", value: "pk_" + "live_" + fake(ALNUM, 24) },
  { row: "Stripe key too short", value: "sk_" + "live_" + fake(ALNUM, 6) },
  { row: "Twilio account SID", value: "AC" + fake(HEX, 32) },
  { row: "Twilio auth token with no twilio name", value: fake(HEX, 32), name: "AUTH_TOKEN" },
  { row: "Twilio auth token under the account SID name", value: fake(HEX, 32), name: "TWILIO_ACCOUNT_SID" },
  { row: "SendGrid wrong part length", value: "SG." + fake(WORD, 22) + "." + fake(WORD, 20) },
  { row: "Brevo wrong suffix", value: "xkeysib-" + fake(HEX, 64) },
  { row: "Mailgun without name", value: "key-" + fake(HEX, 32) },
  { row: "Mailchimp without name", value: fake(HEX, 32) + "-us21" },
  { row: "Sentry DSN", value: "https://" + fake(HEX, 32) + "@o" + fake(DIGITS, 6) + ".ingest.sentry.io/" + fake(DIGITS, 7) },
  { row: "Sentry user token too short", value: "sntryu_" + fake(HEX, 40) },
  { row: "OpenAI legacy without marker", value: "sk-" + fake(ALNUM, 48) },
  { row: "OpenAI placeholder", value: "sk-proj-your-openai-key" },
  { row: "Anthropic wrong length", value: "sk-ant-" + "api03-" + fake(WORD, 40) + "AA" },
  { row: "Hugging Face with digits", value: "hf_" + fake(DIGITS, 34) },
  { row: "DigitalOcean upper-case hex", value: "dop_" + "v1_" + fake(HEX, 64).toUpperCase().replace(/[0-9]/g, "A") },
  { row: "npm too short", value: "npm_" + fake(ALNUM, 20) },
  { row: "PyPI too short", value: "pypi-" + "AgEIcHlwaS5vcmc" + fake(WORD, 10) },
  { row: "Shopify non-hex", value: "shpat_" + fake(UPPER, 32) },
  { row: "Square too short", value: "sq0atp-" + fake(WORD, 10) },
  { row: "Telegram without name", value: fake(DIGITS, 10) + ":A" + fake(WORD, 34) },
  { row: "Vault too short", value: "hvs." + fake(WORD, 24) },
  { row: "Private key header only", value: "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----" },
  { row: "Public key", value: `-----BEGIN PUBLIC KEY-----\n${pemBody}\n-----END PUBLIC KEY-----` },
  { row: "JWT with short parts", value: "eyJhbGci.eyJzdWIi.abc" },
  { row: "JWT second part not ey", value: [jwtPart(1), "aaJ" + fake(WORD, 30), fake(WORD, 43)].join(".") },
  { row: "Django secret key", value: "django-insecure-" + fake(LOWER + DIGITS + "!@#$%^&*(-_=+)", 50) },
  { row: "plain settings values", value: "django.db.backends.postgresql" },
  { row: "a URL", value: "https://sandbox.telematics.example.net/v2" },
];

test("every TOKENS.md row has negatives", () => {
  for (const { row, value, name } of negatives) assert.deepEqual(findProviderTokens(value, name), [], row);
});

test("near names are matched case-insensitively", () => {
  const token = fake(HEX, 32);
  assert.equal(findProviderTokens(token, "twilioToken").length, 1);
  assert.equal(findProviderTokens(token, "Twilio-Auth").length, 1);
  assert.equal(findProviderTokens(fake(BASE64, 40), "aws_secret_key").length, 1);
});

test("several tokens in one value are all found, in order", () => {
  const github = "ghp_" + fake(ALNUM, 36);
  const npm = "npm_" + fake(ALNUM, 36, 9);
  const found = findProviderTokens(`${github},${npm}`);
  assert.deepEqual(
    found.map((match) => match.provider),
    ["GitHub token", "npm token"],
  );
  assert.equal(found[1]?.start, github.length + 1);
});

const serviceAccountJson = (privateKey: string): string =>
  JSON.stringify({ type: "service_account", project_id: "demo", private_key_id: fake(HEX, 40), private_key: privateKey });

test("a JSON string holding a Google service account is one match", () => {
  const json = serviceAccountJson(pem("") + "\n");
  const found = findProviderTokens(json);
  assert.deepEqual(found, [{ provider: "Google service account", start: 0, end: json.length }]);
});

test("a service-account JSON without a real private key is not a match", () => {
  assert.deepEqual(findProviderTokens(serviceAccountJson("")), []);
  assert.deepEqual(findProviderTokens(serviceAccountJson("<your private key>")), []);
  assert.deepEqual(findProviderTokens(JSON.stringify({ type: "authorized_user", private_key: "x" + fake(ALNUM, 20) })), []);
});

test("isGoogleServiceAccount judges a dict literal's string entries", () => {
  const entries = (key: string | undefined): Map<string, string> => {
    const map = new Map([["type", "service_account"], ["client_email", "svc@demo.iam.gserviceaccount.com"]]);
    if (key !== undefined) map.set("private_key", key);
    return map;
  };
  assert.equal(isGoogleServiceAccount(entries(pem(""))), true);
  assert.equal(isGoogleServiceAccount(entries(undefined)), false);
  assert.equal(isGoogleServiceAccount(entries("")), false);
  assert.equal(isGoogleServiceAccount(new Map([["type", "user"], ["private_key", pem("")]])), false);
});

test("a PEM key with escaped line breaks (as inside JSON) still has a body", () => {
  const escaped = pem("EC ").replace(/\n/g, "\\n");
  assert.deepEqual(findProviderTokens(escaped), [{ provider: "Private key", start: 0, end: escaped.length }]);
});

test("the shortest token any shape accepts (15 characters: a Slack token with a one-digit id) is still found", () => {
  const shortest = "xoxb-1-" + fake(ALNUM, 8, 9);
  assert.equal(shortest.length, 15);
  assert.deepEqual(findProviderTokens(shortest).map((match) => match.provider), ["Slack token"]);
  assert.deepEqual(findProviderTokens(shortest.slice(0, 14)), []);
  for (const positive of positives) assert.ok(positive.token.length >= 15, positive.row);
});

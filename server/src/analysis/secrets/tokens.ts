// Provider credential shapes (TOKENS.md, the facts for DJP103 and DJP606), found inside a string value.
import { memoize } from "../memo";
import { isPlaceholder } from "./placeholder";

export interface TokenMatch {
  provider: string;
  /** Offsets of the token in the value. */
  start: number;
  end: number;
}

interface TokenShape {
  provider: string;
  /** Global; the named group `body` is the random part of the token, when it has a fixed prefix or suffix. */
  pattern: RegExp;
  /** "Near X": the name must contain (case-insensitively) one of the strings of every group. */
  near?: readonly (readonly string[])[];
  /** Extra test on the whole token, e.g. to drop documentation examples. */
  accept?: (token: string, body: string) => boolean;
}

const NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";

/** A shape whose prefix must not continue an alphanumeric run and whose end is `end` (a lookahead). */
function shape(provider: string, core: string, end: string, extra: Partial<TokenShape> = {}): TokenShape {
  return { provider, pattern: new RegExp(`${NOT_AFTER_ALNUM}${core}${end}`, "g"), ...extra };
}

const END_ALNUM = "(?![A-Za-z0-9])";
const END_WORD = "(?![\\w-])";

const gitlabAccept = (_token: string, body: string): boolean => body.length === 20 || body.includes(".");

const TOKEN_SHAPES: readonly TokenShape[] = [
  shape("AWS access key id", "(?:AKIA|ASIA|ABIA|ACCA)(?<body>[A-Z2-7]{16})", END_ALNUM, {
    accept: (token) => !token.endsWith("EXAMPLE"),
  }),
  {
    provider: "AWS secret access key",
    pattern: /(?<![A-Za-z0-9/+])(?<body>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    near: [["aws"], ["secret"]],
    accept: (token) => !token.endsWith("EXAMPLEKEY"),
  },
  shape("Google API key", "AIza(?<body>[\\w-]{35})", END_WORD),
  {
    provider: "Azure AD client secret",
    pattern: /(?<![\w~.-])[\w~.-]{3}[0-9]Q~(?<body>[\w~.-]{31,34})(?![\w~.-])/g,
  },
  shape("Azure storage account key", "AccountKey=(?<body>[A-Za-z0-9+/]{86}[A-Za-z0-9+/=]{2})", "(?![A-Za-z0-9+/=])"),
  shape("GitHub token", "gh[pousr]_(?<body>[A-Za-z0-9]{36})", END_ALNUM),
  shape("GitHub token", "github_pat_(?<body>\\w{82})", "(?!\\w)"),
  shape("GitLab token", "glpat-(?<body>[\\w-]{20,}(?:\\.[\\w-]+)*)", END_WORD, { accept: gitlabAccept }),
  shape("GitLab token", "(?:gldt|glrt|glptt|glft|glsoat|glimt|gloas|glcbt)-(?<body>[\\w-]{20,}(?:\\.[\\w-]+)*)", END_WORD),
  shape("GitLab token", "GR1348941(?<body>[\\w-]{20})", END_WORD),
  // Slack tokens carry numeric ids right after the prefix, which keeps `xoxb-your-token` out.
  shape("Slack token", "xox(?:[bpars]|e(?:\\.xox[bp])?)-(?<body>[0-9]+-[A-Za-z0-9-]{8,})", "(?![A-Za-z0-9-])"),
  shape("Slack app token", "xapp-[0-9]+-(?<body>[A-Za-z0-9-]{10,})", "(?![A-Za-z0-9-])"),
  shape(
    "Slack webhook URL",
    "(?:https?://)?hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/(?<body>[A-Za-z0-9]{16,})",
    END_ALNUM,
  ),
  shape("Stripe secret key", "(?:sk|rk)_(?:live|test)_(?<body>[A-Za-z0-9]{10,})", END_ALNUM),
  shape("Twilio API key", "SK(?<body>[0-9a-fA-F]{32})", END_ALNUM),
  {
    provider: "Twilio auth token",
    pattern: /(?<![A-Za-z0-9])(?<body>[0-9a-fA-F]{32})(?![A-Za-z0-9])/g,
    near: [["twilio"], ["token", "auth"]],
  },
  shape("SendGrid API key", "SG\\.(?<body>[\\w-]{22})\\.[\\w-]{43}", END_WORD),
  shape("Brevo API key", "xkeysib-(?<body>[0-9a-fA-F]{64})-[A-Za-z0-9]{16}", END_ALNUM),
  shape("Mailgun API key", "key-(?<body>[0-9a-fA-F]{32})", END_ALNUM, { near: [["mailgun"]] }),
  shape("Mailchimp API key", "(?<body>[0-9a-fA-F]{32})-us[0-9]{1,2}", END_ALNUM, { near: [["mailchimp"]] }),
  shape("Sentry auth token", "sntryu_(?<body>[0-9a-fA-F]{64})", END_ALNUM),
  shape("Sentry auth token", "sntrys_(?<body>[A-Za-z0-9+/=_-]{30,})", "(?![A-Za-z0-9+/=_-])"),
  shape("OpenAI API key", "sk-(?:proj|svcacct|admin)-(?<body>[\\w-]{40,})", END_WORD),
  shape("OpenAI API key", "sk-(?<body>[\\w-]{16,}T3BlbkFJ[\\w-]{16,})", END_WORD),
  shape("Anthropic API key", "sk-ant-(?:api03|admin01)-(?<body>[\\w-]{93})AA", END_WORD),
  shape("Hugging Face token", "hf_(?<body>[A-Za-z]{34})", END_ALNUM),
  shape("DigitalOcean token", "do[por]_v1_(?<body>[0-9a-f]{64})", END_ALNUM),
  shape("npm token", "npm_(?<body>[A-Za-z0-9]{36})", END_ALNUM),
  shape("PyPI token", "pypi-AgEIcHlwaS5vcmc(?<body>[\\w-]{50,})", END_WORD),
  shape("Shopify token", "shp(?:at|ca|pa|ss)_(?<body>[0-9a-fA-F]{32})", END_ALNUM),
  shape("Square access token", "sq0atp-(?<body>[\\w-]{22})", END_WORD),
  shape("Square OAuth secret", "sq0csp-(?<body>[\\w-]{43})", END_WORD),
  shape("Square access token", "EAAA(?<body>[\\w-]{60})", END_WORD),
  shape("Telegram bot token", "[0-9]{5,16}:A(?<body>[\\w-]{34})", END_WORD, { near: [["telegram"]] }),
  shape("HashiCorp Vault token", "hvs\\.(?<body>[\\w-]{90,120})", END_WORD),
  shape("HashiCorp Vault token", "hvb\\.(?<body>[\\w-]{138,})", END_WORD),
  {
    provider: "JWT",
    pattern: /(?<![\w-])ey[\w-]{15,}\.ey[\w-]{15,}\.[\w-]{17,}(?![\w-])/g,
  },
];

/**
 * Every provider token in the value. `name` is what the value is assigned to (setting, dict key,
 * env key); shapes that are only distinctive near a name ("near X") need it. Documentation
 * examples (AWS `…EXAMPLE`, bodies of one repeated character) are not reported; a token inside
 * another (a PEM key inside a service-account JSON) is reported once, as the outer one.
 */
const scanMemo = memoize((key: string) => {
  const split = key.indexOf("\u0000");
  return scanProviderTokens(key.slice(split + 1), key.slice(0, split) || undefined);
});

export function findProviderTokens(value: string, name?: string): TokenMatch[] {
  return scanMemo(`${name ?? ""}\u0000${value}`);
}

/**
 * No shape matches fewer characters: the shortest is a Slack token, `xoxb-` + a digit + `-` + 8 characters; the
 * others need 17 or more (a Stripe key 18, an AWS key id 20, a PEM header or `service_account` more). Most string
 * values of a settings module are shorter, and skip the 40 expressions.
 */
const SHORTEST_TOKEN = 15;

function scanProviderTokens(value: string, name: string | undefined): TokenMatch[] {
  if (value.length < SHORTEST_TOKEN) return [];
  const matches = [
    ...TOKEN_SHAPES.filter((tokenShape) => isNear(tokenShape, name)).flatMap((tokenShape) => matchShape(tokenShape, value)),
    ...findPrivateKeyBlocks(value),
    ...findServiceAccountJson(value),
  ];
  return outermost(matches);
}

function isNear(tokenShape: TokenShape, name: string | undefined): boolean {
  if (!tokenShape.near) return true;
  const lowered = name?.toLowerCase();
  if (lowered === undefined) return false;
  return tokenShape.near.every((group) => group.some((word) => lowered.includes(word)));
}

function matchShape(tokenShape: TokenShape, value: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const match of value.matchAll(tokenShape.pattern)) {
    const token = match[0];
    const body = match.groups?.["body"] ?? token;
    if (isOneCharacterRepeated(body)) continue;
    if (tokenShape.accept && !tokenShape.accept(token, body)) continue;
    const start = match.index ?? 0;
    found.push({ provider: tokenShape.provider, start, end: start + token.length });
  }
  return found;
}

function isOneCharacterRepeated(text: string): boolean {
  return new Set(text).size === 1;
}

function outermost(matches: TokenMatch[]): TokenMatch[] {
  const ordered = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TokenMatch[] = [];
  for (const match of ordered) {
    const last = kept[kept.length - 1];
    if (last && match.end <= last.end) continue;
    kept.push(match);
  }
  return kept;
}

// --- private keys ---

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;
/** Base64 key material, once whitespace and escaped line breaks (`\n` inside JSON) are gone. */
const PEM_KEY_MATERIAL = /[A-Za-z0-9+/]{40,}/;

/** `-----BEGIN … PRIVATE KEY-----` blocks with key material in their body. */
function findPrivateKeyBlocks(value: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const begin of value.matchAll(PEM_BEGIN)) {
    const start = begin.index ?? 0;
    const bodyStart = start + begin[0].length;
    const endMarker = `-----END ${begin[1] ?? ""}PRIVATE KEY${begin[2] ?? ""}-----`;
    const endIndex = value.indexOf(endMarker, bodyStart);
    const bodyEnd = endIndex >= 0 ? endIndex : nextMarkerOrEnd(value, bodyStart);
    if (!hasKeyMaterial(value.slice(bodyStart, bodyEnd))) continue;
    const end = endIndex >= 0 ? endIndex + endMarker.length : bodyEnd;
    found.push({ provider: "Private key", start, end });
  }
  return found;
}

function nextMarkerOrEnd(value: string, from: number): number {
  const next = value.indexOf("-----", from);
  return next >= 0 ? next : value.length;
}

function hasKeyMaterial(body: string): boolean {
  const material = body.replace(/\\[nr]|\s/g, "");
  return PEM_KEY_MATERIAL.test(material) && !isOneCharacterRepeated(material);
}

// --- Google service accounts ---

const SERVICE_ACCOUNT_TYPE = /"type"\s*:\s*"service_account"/;
const PRIVATE_KEY_ENTRY = /"private_key"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** A dict literal's string entries describe a Google service account with its private key. */
export function isGoogleServiceAccount(entries: ReadonlyMap<string, string>): boolean {
  const privateKey = entries.get("private_key");
  return entries.get("type") === "service_account" && privateKey !== undefined && !isPlaceholder(privateKey);
}

/** A JSON text (as a string value) describing a Google service account with its private key. */
function findServiceAccountJson(value: string): TokenMatch[] {
  if (!SERVICE_ACCOUNT_TYPE.test(value)) return [];
  const privateKey = PRIVATE_KEY_ENTRY.exec(value)?.[1];
  if (privateKey === undefined || isPlaceholder(privateKey)) return [];
  const open = value.indexOf("{");
  const close = value.lastIndexOf("}");
  const [start, end] = open >= 0 && close > open ? [open, close + 1] : [0, value.length];
  return [{ provider: "Google service account", start, end }];
}

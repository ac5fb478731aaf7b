// Mutation operators for settings modules and env files: each takes a text and returns a damaged one.
import type { Random } from "./random";

export interface Mutation {
  name: string;
  apply(text: string, random: Random): string;
}

const NESTING_DEPTH = 2000;
const LONG_LINE = 100_000;
const SETTING_NAMES = ["DATABASES", "LOGGING", "CACHES", "STORAGES", "TEMPLATES", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"];

function insertAt(text: string, offset: number, insertion: string): string {
  return text.slice(0, offset) + insertion + text.slice(offset);
}

function randomOffset(text: string, random: Random): number {
  return random.int(0, text.length);
}

/** The offset of the start of a random line (line starts are where statements begin). */
function randomLineStart(text: string, random: Random): number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return random.pick(starts);
}

function insertLine(text: string, random: Random, line: string): string {
  return insertAt(text, randomLineStart(text, random), `${line}\n`);
}

/** Bytes that are mostly not valid UTF-8, decoded the way an editor would: with U+FFFD replacements. */
function invalidUtf8(random: Random, length: number): string {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = random.chance(0.5) ? random.int(0x80, 0xff) : random.int(0, 0x7f);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

function randomCodeUnits(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const kind = random.int(0, 3);
    if (kind === 0) out += String.fromCharCode(random.int(0, 0x7f));
    else if (kind === 1) out += String.fromCharCode(random.int(0x80, 0xffff)); // lone surrogates included
    else if (kind === 2) out += String.fromCodePoint(random.int(0x10000, 0x10ffff));
    else out += random.pick(["\0", "\t", "\r", "\n", "\\", "'", '"', "#", "=", "$", "{", "}", "(", ")", "[", "]", ":"]);
  }
  return out;
}

function deepNesting(random: Random): string {
  const name = random.pick(SETTING_NAMES);
  const depth = random.int(NESTING_DEPTH / 2, NESTING_DEPTH);
  const balanced = random.chance(0.7);
  const shape = random.int(0, 3);
  const [open, leaf, close] =
    shape === 0 ? ["[", "1", "]"] : shape === 1 ? ['{"a": ', '"x"', "}"] : shape === 2 ? ["(", "0", ")"] : ["dict(a=", '"v"', ")"];
  return `${name} = ${open.repeat(depth)}${leaf}${balanced ? close.repeat(depth) : ""}`;
}

function longLine(random: Random): string {
  const body = random.string("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", random.int(LONG_LINE / 2, LONG_LINE));
  return random.pick([
    `SECRET_KEY = "${body}"`,
    `# ${body}`,
    `ALLOWED_HOSTS = [${'"h", '.repeat(body.length / 5)}]`,
    `PASSWORD=${body}`,
    body,
    `DATABASES = {"default": {"PASSWORD": "${body}"}}`,
  ]);
}

export const mutations: readonly Mutation[] = [
  { name: "truncate", apply: (text, random) => text.slice(0, randomOffset(text, random)) },
  {
    name: "delete-range",
    apply: (text, random) => {
      const start = randomOffset(text, random);
      return text.slice(0, start) + text.slice(Math.min(text.length, start + random.int(1, 200)));
    },
  },
  {
    name: "splice-copy",
    apply: (text, random) => {
      const start = randomOffset(text, random);
      const piece = text.slice(start, start + random.int(1, 300));
      return insertAt(text, randomOffset(text, random), piece);
    },
  },
  { name: "random-code-units", apply: (text, random) => insertAt(text, randomOffset(text, random), randomCodeUnits(random, random.int(1, 64))) },
  { name: "invalid-utf8", apply: (text, random) => insertAt(text, randomOffset(text, random), invalidUtf8(random, random.int(1, 64))) },
  { name: "deep-nesting", apply: (text, random) => insertLine(text, random, deepNesting(random)) },
  { name: "long-line", apply: (text, random) => insertLine(text, random, longLine(random)) },
  {
    name: "line-endings",
    apply: (text, random) => {
      const style = random.int(0, 2);
      return text.replace(/\r?\n/g, () => (style === 0 ? "\r\n" : style === 1 ? "\r" : random.pick(["\n", "\r\n", "\r"])));
    },
  },
  { name: "bom", apply: (text, random) => (random.chance(0.7) ? `\ufeff${text}` : insertAt(text, randomOffset(text, random), "\ufeff")) },
  { name: "nul", apply: (text, random) => insertAt(text, randomOffset(text, random), "\0".repeat(random.int(1, 4))) },
  {
    name: "unterminated-string",
    apply: (text, random) => insertAt(text, randomOffset(text, random), random.pick(['"', "'", '"""', "'''", 'f"{', 'r"\\', 'b"', 'X="abc', "X='abc\\"])),
  },
  { name: "stray-quote", apply: (text, random) => text.replace(/["']/g, (quote) => (random.chance(0.05) ? (quote === '"' ? "'" : '"') : quote)) },
  { name: "tabs", apply: (text, random) => text.replace(/^( +)/gm, (spaces) => (random.chance(0.5) ? "\t".repeat(Math.ceil(spaces.length / 4)) : `\t${spaces}`)) },
  {
    name: "env-syntax",
    apply: (text, random) =>
      insertLine(text, random, random.pick(["export ", "export X", "=value", "KEY=${UNCLOSED", 'KEY="multi\nline', "KEY='a'b'c'", "   # c", "K E Y=v", "KEY=${A:-${B:-c}}", "\\"])),
  },
  {
    name: "python-syntax",
    apply: (text, random) =>
      insertLine(
        text,
        random,
        random.pick([
          "if True:",
          "else:",
          "try:",
          "    DEBUG = True",
          "from . import *",
          "from .base import *",
          'DATABASES["default"]["PASSWORD"] = ',
          "SECRET_KEY: str = os.environ[",
          "DEBUG = os.environ.get('DEBUG', 'True') ==",
          "LOGGING['handlers'] = {**LOGGING",
          "lambda: (yield)",
          "async def f(): await",
          "# django-ready: disable",
          "X = 1  # noqa: DJP101",
          'SECRET_KEY = f"{x!r:>{w}}"',
        ]),
      ),
  },
];

/** Applies 1–`max` random mutations; returns the text and the names of what was applied (for the report). */
export function mutate(text: string, random: Random, max = 4): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  const count = random.int(1, max);
  for (let i = 0; i < count; i++) {
    const mutation = random.pick(mutations);
    out = mutation.apply(out, random);
    applied.push(mutation.name);
  }
  return { text: out, applied };
}

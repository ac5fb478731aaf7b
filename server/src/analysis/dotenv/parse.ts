// A `.env` parser that reads exactly what python-dotenv 1.2.x reads, with positions.
// It follows python-dotenv's grammar statement by statement, including its recovery from
// statements it rejects, so that keys, values and rejected lines agree with the real thing
// (test/unit/dotenv/python-dotenv.test.ts compares them).

import type { Position, Range } from "../types";

export interface DotenvEntry {
  key: string;
  /** What `dotenv_values(path, interpolate=False)` returns; undefined for a bare key with no `=`. */
  value: string | undefined;
  /** The key's text, without the quotes of a single-quoted key. */
  keyRange: Range;
  /** The raw value text, quotes included; empty (after `=` and its spaces) for an empty value. */
  valueRange?: Range;
  /** From the key (or `export`) to the end of the statement's last line, inline comment included. */
  statementRange: Range;
  exported: boolean;
  quote: "'" | '"' | undefined;
}

export interface DotenvError {
  /** 0-based line of the statement's first non-blank line. */
  line: number;
  /** From the statement's first character to the end of the line where python-dotenv resumed. */
  range: Range;
  /** The 1-based line python-dotenv's warning names: it counts from the blank lines before. */
  reportedLine: number;
}

export interface DotenvComment {
  /** From `#` to the end of the line. */
  text: string;
  range: Range;
  line: number;
}

export interface DotenvFile {
  entries: DotenvEntry[];
  errors: DotenvError[];
  comments: DotenvComment[];
}

// Python's `\s` on str patterns (the same set as str.isspace() and str.rstrip()); JavaScript's
// `\s` differs (it lacks \x1c-\x1f and \x85 and adds \ufeff).
const SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const INLINE_SPACE = "\\t\\v\\f \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const sticky = (source: string): RegExp => new RegExp(source, "suy");

const MULTILINE_WHITESPACE = sticky(`[${SPACE}]*`);
const WHITESPACE = sticky(`[${INLINE_SPACE}]*`);
const EXPORT = sticky(`(?:export[${INLINE_SPACE}]+)?`);
const SINGLE_QUOTED_KEY = sticky(`'([^']+)'`);
const UNQUOTED_KEY = sticky(`[^=#${SPACE}]+`);
const EQUAL_SIGN = sticky(`=[${INLINE_SPACE}]*`);
// A backslash always takes the character after it, so `\\'` ends the value and `\'` does not.
const SINGLE_QUOTED_VALUE = sticky(`'((?:\\\\.|[^'\\\\])*)'`);
const DOUBLE_QUOTED_VALUE = sticky(`"((?:\\\\.|[^"\\\\])*)"`);
const UNQUOTED_VALUE = sticky(`[^\\r\\n]*`);
const COMMENT = sticky(`[${INLINE_SPACE}]*(#[^\\r\\n]*)`);
const END_OF_LINE = sticky(`[${INLINE_SPACE}]*(\\r\\n|\\n|\\r|$)`);
const REST_OF_LINE = sticky(`[^\\r\\n]*(\\r|\\n|\\r\\n)?`);
const SPACE_CHAR = new RegExp(`[${SPACE}]`, "u");
const DOUBLE_QUOTE_ESCAPE = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPE = /\\[\\']/g;

const escapedChars: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

export function parseDotenv(text: string): DotenvFile {
  const file: DotenvFile = { entries: [], errors: [], comments: [] };
  // python-dotenv reads files in universal-newline mode: every CRLF and CR is a LF. Replacing
  // them keeps every line's content and thus every position's line and column.
  const source = new Source(text.replace(/\r\n?/g, "\n"));
  const reader = new Reader(source.text, source.text.startsWith("\ufeff") ? 1 : 0);
  while (reader.hasNext()) parseStatement(reader, source, file);
  return file;
}

class Failure extends Error {}

class Reader {
  constructor(
    readonly text: string,
    public offset: number,
  ) {}

  hasNext(): boolean {
    return this.offset < this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.offset);
  }

  /** Matches `pattern` here and moves past it; throws Failure when it does not match. */
  read(pattern: RegExp): RegExpExecArray {
    const match = this.tryRead(pattern);
    if (match === undefined) throw new Failure();
    return match;
  }

  tryRead(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.offset;
    const match = pattern.exec(this.text);
    if (match === null) return undefined;
    this.offset += match[0].length;
    return match;
  }
}

/** Offsets to positions. */
class Source {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - (this.lineStarts[low] ?? 0) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

interface Span {
  start: number;
  end: number;
}

interface ParsedValue {
  value: string;
  raw: Span;
  quote: "'" | '"' | undefined;
  /** An inline comment on an unquoted value's line, from `#` to the end of the line. */
  comment?: Span;
}

function parseStatement(reader: Reader, source: Source, file: DotenvFile): void {
  const mark = reader.offset;
  reader.read(MULTILINE_WHITESPACE);
  if (!reader.hasNext()) return;
  const start = reader.offset;
  const comments: Span[] = [];
  try {
    const exported = reader.read(EXPORT)[0].length > 0;
    const key = parseKey(reader);
    reader.read(WHITESPACE);
    const value = reader.peek() === "=" ? parseAssignment(reader) : undefined;
    if (value?.comment !== undefined) comments.push(value.comment);
    const comment = reader.tryRead(COMMENT)?.[1];
    if (comment !== undefined) comments.push({ start: reader.offset - comment.length, end: reader.offset });
    const end = lineContentEnd(reader, reader.read(END_OF_LINE));
    if (key !== undefined) file.entries.push(entry(source, key, value, exported, { start, end }));
    for (const span of comments) file.comments.push(toComment(source, span));
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const end = lineContentEnd(reader, reader.read(REST_OF_LINE));
    const range = source.range(start, end);
    file.errors.push({ line: range.start.line, range, reportedLine: source.position(mark).line + 1 });
  }
}

/** The key's span without quotes, or undefined when the statement is a comment. */
function parseKey(reader: Reader): Span | undefined {
  const first = reader.peek();
  if (first === "#") return undefined;
  const start = reader.offset;
  if (first === "'") {
    reader.read(SINGLE_QUOTED_KEY);
    return { start: start + 1, end: reader.offset - 1 };
  }
  reader.read(UNQUOTED_KEY);
  return { start, end: reader.offset };
}

/** Reads `=` and the value after it. */
function parseAssignment(reader: Reader): ParsedValue {
  const equalSign = reader.read(EQUAL_SIGN)[0];
  // `KEY= # comment` is an empty value and a comment; `KEY=#x` is the value `#x`.
  if (equalSign.length > 1 && reader.peek() === "#") return emptyValue(reader.offset);
  switch (reader.peek()) {
    case "'":
      return parseQuotedValue(reader, SINGLE_QUOTED_VALUE, SINGLE_QUOTE_ESCAPE, "'");
    case '"':
      return parseQuotedValue(reader, DOUBLE_QUOTED_VALUE, DOUBLE_QUOTE_ESCAPE, '"');
    case "":
    case "\n":
    case "\r":
      return emptyValue(reader.offset);
    default:
      return parseUnquotedValue(reader);
  }
}

function emptyValue(offset: number): ParsedValue {
  return { value: "", raw: { start: offset, end: offset }, quote: undefined };
}

function parseQuotedValue(reader: Reader, pattern: RegExp, escapes: RegExp, quote: "'" | '"'): ParsedValue {
  const start = reader.offset;
  const body = reader.read(pattern)[1] ?? "";
  const value = body.replace(escapes, (escape) => escapedChars[escape.charAt(1)] ?? escape);
  return { value, raw: { start, end: reader.offset }, quote };
}

function parseUnquotedValue(reader: Reader): ParsedValue {
  const start = reader.offset;
  const part = reader.read(UNQUOTED_VALUE)[0];
  const hash = inlineCommentStart(part);
  const value = trimEnd(hash === undefined ? part : part.slice(0, hash));
  const parsed: ParsedValue = { value, raw: { start, end: start + value.length }, quote: undefined };
  if (hash !== undefined) parsed.comment = { start: start + hash, end: start + part.length };
  return parsed;
}

const isSpace = (char: string): boolean => SPACE_CHAR.test(char);

/**
 * The first `#` after whitespace: python-dotenv cuts the value at `\s+#`. Written as a scan
 * because that regex backtracks quadratically over long runs of spaces.
 */
function inlineCommentStart(part: string): number | undefined {
  for (let hash = part.indexOf("#", 1); hash !== -1; hash = part.indexOf("#", hash + 1)) {
    if (isSpace(part.charAt(hash - 1))) return hash;
  }
  return undefined;
}

/** Python's str.rstrip(). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** The reader's offset minus the line break that `match` (ending at the reader) consumed. */
function lineContentEnd(reader: Reader, match: RegExpExecArray): number {
  return reader.offset - (match[1] ?? "").length;
}

function entry(
  source: Source,
  key: Span,
  value: ParsedValue | undefined,
  exported: boolean,
  statement: Span,
): DotenvEntry {
  const parsed: DotenvEntry = {
    key: source.text.slice(key.start, key.end),
    value: value?.value,
    keyRange: source.range(key.start, key.end),
    statementRange: source.range(statement.start, statement.end),
    exported,
    quote: value?.quote,
  };
  if (value !== undefined) parsed.valueRange = source.range(value.raw.start, value.raw.end);
  return parsed;
}

function toComment(source: Source, span: Span): DotenvComment {
  const range = source.range(span.start, span.end);
  return { text: source.text.slice(span.start, span.end), range, line: range.start.line };
}

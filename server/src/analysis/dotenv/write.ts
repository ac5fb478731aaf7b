// Writes values so that python-dotenv (interpolation on, the default of load_dotenv and
// dotenv_values) reads back exactly the original string.

/** Values written bare: no spaces, quotes, backslashes, `#` or `$`, and nothing a shell would expand. */
const BARE_VALUE = /^[A-Za-z0-9_\-.,:/@+%=^~]+$/;
const LINE_BREAK = /[\r\n]/;
// python-dotenv 1.2 expands `${NAME}` and `${NAME:-default}` in every value, quoted or not, and
// has no escape for `$`. `${:-$}` is a variable with an empty name — which no environment holds —
// and the default `$`, so it always reads back as `$`.
const DOLLAR_BEFORE_BRACE = /\$(?=\{)/g;
const LITERAL_DOLLAR = "${:-$}";
const DOUBLE_QUOTED_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r" };
/** A key python-dotenv reads back as written: no `=`, `#` or whitespace, and no leading quote. */
const VALID_KEY = /^[^=#'\s\x1c-\x1f\x85][^=#\s\x1c-\x1f\x85]*$/u;

/** The text to put after `KEY=`. */
export function formatDotenvValue(value: string): string {
  if (value === "" || BARE_VALUE.test(value)) return value;
  const text = value.replace(DOLLAR_BEFORE_BRACE, LITERAL_DOLLAR);
  // Quoted line breaks are read back as LF whatever they were, so CR needs the double quotes' `\r`.
  if (LINE_BREAK.test(text)) return `"${text.replace(/[\\"\n\r]/g, (c) => DOUBLE_QUOTED_ESCAPES[c] ?? c)}"`;
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** `KEY=value` without a line break; throws RangeError for a key python-dotenv would not read back. */
export function formatDotenvLine(key: string, value: string): string {
  if (!VALID_KEY.test(key)) throw new RangeError(`not a valid .env key: ${JSON.stringify(key)}`);
  return `${key}=${formatDotenvValue(value)}`;
}

// Text bound for a terminal or a log: a file name or message must not carry control characters that
// move the cursor, recolour, erase or start a forged line (ESC, CR, LF, …) or reorder text (bidi controls).

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each control character as a visible escape: ESC → \x1b, LF → \n, U+202E → \u202e. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    if (ch === "\t") return "\\t";
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// Evaluates Python string literals the way the interpreter does, so fixes can move their exact value.
import type { Node } from "web-tree-sitter";

export interface DecodedString {
  value: string;
  bytes: boolean;
  /** An f-string with replacement fields: not a literal value. */
  interpolated: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Decode one `string` node; undefined when the node is malformed (mid-edit). */
export function decodeStringNode(node: Node): DecodedString | undefined {
  const start = node.firstChild;
  const end = node.lastChild;
  if (!start || !end || start.type !== "string_start" || end.type !== "string_end" || start.id === end.id) return undefined;
  const opening = start.text;
  const prefix = opening.replace(/['"]+$/, "").toLowerCase();
  const formatted = prefix.includes("f");
  // Only f- and t-strings have interpolations (tree-sitter's scanner opens them after such a prefix alone).
  const interpolated = (formatted || prefix.includes("t")) && node.namedChildren.some((child) => child?.type === "interpolation");
  const text = node.text;
  const body = text.slice(opening.length, text.length - end.text.length);
  const raw = prefix.includes("r");
  const bytes = prefix.includes("b");
  let value = raw ? body : decodeEscapes(body, bytes);
  if (formatted && !interpolated) value = value.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  return { value, bytes, interpolated };
}

function decodeEscapes(body: string, bytes: boolean): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    const decoded = decodeEscapeAt(body, i + 1, bytes);
    if (decoded) {
      out += decoded.text;
      i += decoded.length;
    } else if (next === "\n") {
      i += 1;
    } else if (next === "\r") {
      i += body[i + 2] === "\n" ? 2 : 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function decodeEscapeAt(body: string, at: number, bytes: boolean): { text: string; length: number } | undefined {
  const next = body[at];
  if (next in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[next], length: 1 };
  const octal = /^[0-7]{1,3}/.exec(body.slice(at, at + 3));
  if (octal) return { text: String.fromCodePoint(parseInt(octal[0], 8)), length: octal[0].length };
  const hexLength = next === "x" ? 2 : !bytes && next === "u" ? 4 : !bytes && next === "U" ? 8 : 0;
  if (hexLength) {
    const hex = body.slice(at + 1, at + 1 + hexLength);
    if (new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
      const code = parseInt(hex, 16);
      if (code <= 0x10ffff) return { text: String.fromCodePoint(code), length: 1 + hexLength };
    }
  }
  return undefined;
}

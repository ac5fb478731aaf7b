// A guard between stdin and the protocol reader. vscode-jsonrpc's reader gives up on a message whose
// Content-Length is missing or not a number but leaves its body in the buffer, where it is taken for
// the next headers: one malformed header wedges the connection for good, and a huge length makes it
// wait forever. This stream re-frames the input: a frame with a bad length is dropped and the reader
// resynchronises on the next `Content-Length:`; a body that is not JSON, or a notification that would
// poison later analyses (a didOpen without text), is dropped too. Every drop is reported on one line.
import { Transform, type TransformCallback } from "node:stream";

/** Larger bodies are refused (an editor's document is at most a few MB; the analysis stops at 5 MB). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Headers are a few dozen bytes; more without a blank line is garbage. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from("\r\n\r\n", "ascii");
const CONTENT_LENGTH = /content-length:/i;

type Verdict = { ok: true } | { ok: false; why: string };

function contentLengthOf(header: string): number | { why: string } {
  for (const line of header.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== "content-length") continue;
    const value = line.slice(colon + 1).trim();
    if (!/^[0-9]{1,12}$/.test(value)) return { why: `malformed Content-Length ${JSON.stringify(value.slice(0, 40))}` };
    const length = Number(value);
    return length > MAX_MESSAGE_BYTES ? { why: `Content-Length ${length} is over the ${MAX_MESSAGE_BYTES}-byte limit` } : length;
  }
  return { why: "a header without Content-Length" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Messages the server could not use safely. Requests are left to the protocol layer, which answers them with an error. */
function checkMessage(message: unknown): Verdict {
  if (!isRecord(message)) return { ok: false, why: "a message that is not a JSON object" };
  const params = isRecord(message.params) ? message.params : undefined;
  if (message.method === "textDocument/didOpen") {
    const document = params && isRecord(params.textDocument) ? params.textDocument : undefined;
    if (!document || typeof document.uri !== "string" || typeof document.text !== "string" || typeof document.version !== "number") {
      return { ok: false, why: "a didOpen without uri, version or text" };
    }
  }
  if (message.method === "textDocument/didChange") {
    const changes = params?.contentChanges;
    if (!Array.isArray(changes) || !changes.every((change) => isRecord(change) && typeof change.text === "string")) {
      return { ok: false, why: "a didChange whose changes carry no text" };
    }
  }
  return { ok: true };
}

function checkBody(body: Buffer): Verdict {
  let message: unknown;
  try {
    message = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, why: "a body that is not JSON" };
  }
  return checkMessage(message);
}

export class FramingGuard extends Transform {
  private header: Buffer = Buffer.alloc(0);
  /** While a body is awaited: its length and the chunks received so far (joined once, never re-copied per chunk). */
  private body: { length: number; chunks: Buffer[]; received: number } | undefined;

  constructor(private readonly report: (line: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let rest: Buffer | undefined = chunk;
    while (rest && rest.length > 0) rest = this.body ? this.takeBody(rest) : this.takeHeader(rest);
    done();
  }

  /** Consumes header bytes; returns what follows the header, if any. */
  private takeHeader(data: Buffer): Buffer | undefined {
    const buffer = Buffer.concat([this.header, data]);
    const end = buffer.indexOf(HEADER_END);
    if (end < 0) {
      if (buffer.length <= MAX_HEADER_BYTES) {
        this.header = buffer;
        return undefined;
      }
      this.header = Buffer.alloc(0);
      this.report("dropped a header over 8 KB; waiting for the next message");
      return this.resync(buffer, 1);
    }
    this.header = Buffer.alloc(0);
    const raw = buffer.subarray(0, end).toString("latin1");
    const start = raw.search(CONTENT_LENGTH);
    if (start > 0 && raw.slice(0, start).trim() !== "") this.report(`dropped ${start} bytes of garbage before a message header`);
    const length = contentLengthOf(raw.slice(Math.max(start, 0)));
    const after = buffer.subarray(end + HEADER_END.length);
    if (typeof length !== "number") {
      this.report(`dropped ${length.why}; waiting for the next message`);
      return this.resync(after, 0);
    }
    this.body = { length, chunks: [], received: 0 };
    if (length === 0) this.finishBody();
    return after;
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from` (kept as the start of the next header). */
  private resync(buffer: Buffer, from: number): Buffer | undefined {
    const next = buffer.toString("latin1").slice(from).search(CONTENT_LENGTH);
    if (next >= 0) return buffer.subarray(from + next);
    // The token may be split across chunks: keep a tail shorter than it.
    this.header = buffer.subarray(Math.max(from, buffer.length - "content-length:".length + 1));
    return undefined;
  }

  private takeBody(data: Buffer): Buffer | undefined {
    const body = this.body!;
    const needed = body.length - body.received;
    body.chunks.push(data.subarray(0, needed));
    body.received += Math.min(needed, data.length);
    const rest = data.subarray(needed);
    if (body.received < body.length) return undefined;
    this.finishBody();
    return rest;
  }

  private finishBody(): undefined {
    const { chunks, length } = this.body!;
    this.body = undefined;
    const body = Buffer.concat(chunks, length);
    const verdict = checkBody(body);
    if (verdict.ok) this.push(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, "ascii"), body]));
    else this.report(`dropped ${verdict.why}`);
    return undefined;
  }
}

import type { OutgoingMessage, SplicedContent } from './message.ts';

// The JSON body of a batch, built from pieces: each rendering's shared parts are JSON-escaped and UTF-8 encoded once
// (cached per parts array), and only each recipient's values are encoded per message. Stringifying and re-encoding
// megabytes of near-identical HTML per batch was most of a send worker's CPU.

const encodedParts = new WeakMap<readonly string[], Buffer[]>();
// A reader's own digest has its own parts array, made of blocks every reader shares: encode each block once. Bounded
// by count and by bytes (the encodings live outside the V8 heap, so its limit does not bound them).
const encodedStrings = new Map<string, Buffer>();
const MAX_ENCODED_STRINGS = 20_000;
const MAX_ENCODED_BYTES = 32 * 1024 * 1024;
let encodedBytes = 0;

function encodedString(part: string): Buffer {
  let buffer = encodedStrings.get(part);
  if (!buffer) {
    buffer = Buffer.from(jsonInner(part));
    // Short parts (the glue between blocks) cost less to encode than to keep.
    if (part.length >= 64 && buffer.length <= MAX_ENCODED_BYTES / 16) {
      while (encodedStrings.size >= MAX_ENCODED_STRINGS || encodedBytes + buffer.length > MAX_ENCODED_BYTES) {
        const [oldest, kept] = encodedStrings.entries().next().value!;
        encodedStrings.delete(oldest);
        encodedBytes -= kept.length;
      }
      encodedStrings.set(part, buffer);
      encodedBytes += buffer.length;
    }
  }
  return buffer;
}
const QUOTE = Buffer.from('"');
const COMMA = Buffer.from(',');
const TEXT_KEY = Buffer.from(',"text":');
const CLOSE = Buffer.from('}');

/** What JSON.stringify escapes: quotes, backslashes, control characters and (well-formed) lone surrogates. */
// eslint-disable-next-line no-control-regex -- exactly the characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as it appears inside JSON quotes (most values, links among them, need no escaping at all). */
function jsonInner(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value).slice(1, -1) : value;
}

/** A piece of the body: bytes encoded once and shared, or a string (already JSON-escaped) written in place. */
type Chunk = Buffer | string;

function partsOf(content: SplicedContent): Chunk[] {
  const { parts } = content;
  if (content.recurs === 'none') return parts.map(jsonInner);
  if (content.recurs === 'strings') return parts.map(encodedString);
  let encoded = encodedParts.get(parts);
  if (!encoded) {
    encoded = parts.map((p) => Buffer.from(jsonInner(p)));
    encodedParts.set(parts, encoded);
  }
  return encoded;
}

function pushSpliced(chunks: Chunk[], content: SplicedContent): void {
  const parts = partsOf(content);
  chunks.push(QUOTE);
  parts.forEach((part, i) => {
    chunks.push(part);
    const value = content.values[i];
    if (value !== undefined && i < parts.length - 1) chunks.push(jsonInner(value));
  });
  chunks.push(QUOTE);
}

/** The chunks in one buffer: shared bytes copied, strings encoded straight into it (no buffer of their own). */
function join(chunks: readonly Chunk[]): Buffer {
  let total = 0;
  for (const c of chunks) total += typeof c === 'string' ? Buffer.byteLength(c, 'utf8') : c.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const c of chunks) at += typeof c === 'string' ? out.write(c, at, 'utf8') : c.copy(out, at);
  return out;
}

/**
 * The `/emails/batch` body (JSON, UTF-8) for messages that all carry their spliced form, or undefined when one does not.
 * `apiFields` gives each message's other fields exactly as the API names them (from, to, subject, headers, ...).
 */
export function encodeBatchBody(
  messages: readonly OutgoingMessage[],
  apiFields: (m: OutgoingMessage) => Record<string, unknown>,
): Buffer | undefined {
  if (!messages.every((m) => m.spliced)) return undefined;
  const chunks: Chunk[] = ['['];
  messages.forEach((m, i) => {
    if (i > 0) chunks.push(COMMA);
    const head = JSON.stringify(apiFields(m));
    chunks.push(`${head.slice(0, -1)}${head === '{}' ? '' : ','}"html":`);
    pushSpliced(chunks, m.spliced!.html);
    chunks.push(TEXT_KEY);
    pushSpliced(chunks, m.spliced!.text);
    chunks.push(CLOSE);
  });
  chunks.push(']');
  return join(chunks);
}

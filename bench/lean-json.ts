/**
 * A JSON parser for the delivery bench's fake Resend: JSON.parse over bytes, except that the values of `html` and
 * `text` members are not decoded. Decoding megabytes of HTML into strings the fake never reads was most of its cost
 * per batch at 100,000 emails. Such a value comes back as a short stand-in, `[N bytes]`, or '' when it is empty, so
 * the fake still sees whether a body is present.
 */

const LEAN_KEYS = new Set(['html', 'text']);

/** The stand-in for a body of `bytes` raw (still escaped) bytes. */
export const bodyStandIn = (bytes: number): string => (bytes === 0 ? '' : `[${bytes} bytes]`);

/** Parses `buf` like JSON.parse, keeping only the size of html/text members. Throws SyntaxError on malformed JSON. */
export function parseLeanJson(buf: Buffer): unknown {
  let i = 0;
  const n = buf.length;
  const fail = (): never => {
    throw new SyntaxError(`Unexpected token in JSON at byte ${i}`);
  };
  const ws = (): void => {
    for (let c = buf[i]; c === 32 || c === 10 || c === 13 || c === 9; c = buf[++i]);
  };
  const string = (lean: boolean): string => {
    const start = ++i;
    for (;;) {
      const q = buf.indexOf(34, i);
      if (q < 0) return fail();
      let b = q - 1;
      while (b >= start && buf[b] === 92) b--;
      i = q + 1;
      if ((q - 1 - b) % 2 === 1) continue; // an escaped quote
      if (lean) return bodyStandIn(q - start);
      const raw = buf.subarray(start, q);
      if (raw.indexOf(92) < 0) return raw.toString('utf8');
      return JSON.parse(buf.toString('utf8', start - 1, q + 1)) as string;
    }
  };
  const value = (lean: boolean): unknown => {
    ws();
    const c = buf[i];
    if (c === 34) return string(lean);
    if (c === 123) {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (buf[i] === 125) return (i++, o);
      for (;;) {
        ws();
        if (buf[i] !== 34) fail();
        const key = string(false);
        ws();
        if (buf[i++] !== 58) fail();
        Object.defineProperty(o, key, {
          value: value(LEAN_KEYS.has(key)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        ws();
        const next = buf[i++];
        if (next === 125) return o;
        if (next !== 44) fail();
      }
    }
    if (c === 91) {
      i++;
      const a: unknown[] = [];
      ws();
      if (buf[i] === 93) return (i++, a);
      for (;;) {
        a.push(value(false));
        ws();
        const next = buf[i++];
        if (next === 93) return a;
        if (next !== 44) fail();
      }
    }
    const start = i;
    while (i < n) {
      const d = buf[i];
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    if (start === i) fail();
    return JSON.parse(buf.toString('latin1', start, i)) as unknown;
  };
  const result = value(false);
  ws();
  if (i !== n) fail();
  return result;
}

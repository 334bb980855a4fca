// Rendered pieces cut at their U+E000 stand-ins, and the splicer that puts a reader's email together from them:
// shared parts (the same strings for every reader, with their UTF-8 sizes) and the reader's values in between.
import { PlaceholderError } from './errors.ts';
import type { SplicedPart } from './placeholders.ts';

export const S = '\uE000';
export const TOKEN = /\uE000([a-z_0-9]*)\uE000/g;
export const token = (name: string) => `${S}${name}${S}`;

export type Named =
  | 'manage_url'
  | 'unsubscribe_url'
  | 'subject'
  | 'preheader'
  | 'count_line'
  | 'contents'
  | 'feedback_more'
  | 'feedback_less';
export type Key = Named | { section: number } | { paper: number };

/** A rendered piece cut at its placeholders: `parts[0]`, the value of `keys[0]`, `parts[1]`, ... */
export interface Piece {
  parts: string[];
  keys: Key[];
  /** The UTF-8 size of each part, so an assembled email's size costs only its values. */
  sizes: number[];
}

export function cut(source: string, allowed: ReadonlySet<string>, where: string): Piece {
  const parts: string[] = [];
  const keys: Key[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    const slot = /^(paper|section)_(\d+)$/.exec(name);
    if (!allowed.has(slot ? slot[1]! : name))
      throw new PlaceholderError(`unexpected placeholder "${name}" in the ${where}`);
    parts.push(source.slice(last, match.index));
    if (!slot) keys.push(name as Named);
    else keys.push(slot[1] === 'paper' ? { paper: Number(slot[2]) } : { section: Number(slot[2]) });
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  if (parts.some((p) => p.includes(S))) throw new PlaceholderError(`malformed placeholder in the ${where}`);
  return { parts, keys, sizes: parts.map((p) => Buffer.byteLength(p, 'utf8')) };
}

/** Builds SplicedParts from shared strings and per-reader values in any order. */
export class Splicer {
  readonly parts: string[] = [];
  readonly values: string[] = [];
  bytes = 0;
  shared(part: string, bytes: number): void {
    if (this.parts.length > this.values.length) this.values.push('');
    this.parts.push(part);
    this.bytes += bytes;
  }
  value(value: string): void {
    if (this.parts.length === this.values.length) this.parts.push('');
    this.values.push(value);
    this.bytes += Buffer.byteLength(value, 'utf8');
  }
  done(): SplicedPart {
    if (this.parts.length === this.values.length) this.parts.push('');
    return { parts: this.parts, values: this.values };
  }
}

/**
 * Adds a piece to the splicer: each part as shared (with its size when `sized`, else 0), and at each stand-in what
 * `at` puts there (a value, or another piece).
 */
export function spliceInto(splicer: Splicer, piece: Piece, at: (key: Key) => void, sized = true): void {
  piece.parts.forEach((part, i) => {
    if (part !== '') splicer.shared(part, sized ? (piece.sizes[i] ?? 0) : 0);
    const key = piece.keys[i];
    if (key !== undefined) at(key);
  });
}

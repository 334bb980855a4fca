import { describe, expect, it } from 'vitest';
import { parseLeanJson } from '../../../bench/lean-json.ts';

describe("the delivery bench's lean JSON parser", () => {
  it.each([
    '{"a":1,"b":[true,false,null,-1.5e3,"x\\"y\\\\"],"c":{"d":"é ✓ \\u00e9"},"e":[]}',
    '  [ {} , [ ] , "" , 0 ]  ',
    '"just a string"',
    '{"__proto__":{"polluted":1}}',
  ])('parses %s like JSON.parse', (text) => {
    expect(parseLeanJson(Buffer.from(text))).toEqual(JSON.parse(text));
  });

  it('keeps only the size of html and text members', () => {
    const text = '[{"html":"<a href=\\"x\\">é</a>","text":"","subject":"s"}]';
    const [first] = parseLeanJson(Buffer.from(text)) as { html: string; text: string; subject: string }[];
    expect(first!.html).toBe(`[${Buffer.byteLength('<a href=\\"x\\">é</a>')} bytes]`);
    expect(first!.text).toBe('');
    expect(first!.subject).toBe('s');
  });

  it.each(['', '{', '{"a" 1}', '[1,]', '{"a":1}x', '"open', 'tru', '01', '{a:1}'])('throws on %j', (text) => {
    expect(() => parseLeanJson(Buffer.from(text))).toThrow(SyntaxError);
  });
});

import { describe, expect, it } from 'vitest';
import { composeDigest, type ComposeResult, type Digest } from '../../../src/digest/index.ts';
import {
  buildProfile,
  FOR_YOU_SIZE,
  MAX_WHY_LENGTH,
  personalDigest,
  type ReaderState,
} from '../../../src/relevance/index.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';
import { buildEdition, THEMES, type Edition } from '../../../src/themes/index.ts';
import { mixedEdition, paperOn, readerWith, voteOn } from './papers.ts';

const all = preferencesSchema.parse({ topics: THEMES.map((t) => t.id), perTopic: 5, alsoTrending: true });
const edition = mixedEdition();
const liked = [paperOn('humanoid', 'old-hum1', 5, 3), paperOn('humanoid', 'old-hum2', 5, 4)];

const everything = (e: Edition) => [...e.sections.flatMap((s) => s.papers), ...e.other];

function digestOf(result: ComposeResult): Digest {
  if (result.kind !== 'digest') throw new Error(`expected a digest, got skip: ${result.reason}`);
  return result.digest;
}
const shown = (d: Digest) =>
  [...(d.forYou ?? []), ...d.sections.flatMap((s) => s.papers), ...d.alsoTrending].map((p) => p.paper.id);
const personal = (reader: ReaderState | undefined) =>
  digestOf(personalDigest({ edition, prefs: all, reader, skipEmpty: true }));

describe('personalDigest', () => {
  it('is exactly the profile digest at cold start', () => {
    const profile = composeDigest(edition, all, { skipEmpty: true });
    expect(personalDigest({ edition, prefs: all, reader: undefined, skipEmpty: true })).toEqual(profile);
    expect(personalDigest({ edition, prefs: all, reader: readerWith([]), skipEmpty: true })).toEqual(profile);
  });

  it('moves papers like the liked ones up, under "For you", not repeated below', () => {
    const fresh = shown(personal(undefined));
    const d = personal(readerWith(liked.map((p) => voteOn(p, 'more'))));
    expect(fresh.slice(0, 2)).not.toContain('n-hum1');
    expect(d.forYou?.map((p) => p.paper.id).slice(0, 2)).toEqual(['n-hum1', 'n-hum2']);
    const ids = shown(d);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toEqual(fresh);
    expect(d.why?.['n-hum1']).toMatch(/^Like "Humanoid locomotion with.*", which you liked$/);
  });

  it('pushes papers like a "less" one down', () => {
    const tables = paperOn('tables', 'old-tab', 5, 5);
    const before = shown(personal(readerWith(liked.map((p) => voteOn(p, 'more')))));
    const after = shown(personal(readerWith([...liked.map((p) => voteOn(p, 'more')), voteOn(tables, 'less')])));
    // Each table paper stays where it was or goes down, and together they go down (popularity still counts).
    const places = (ids: string[]) => ['n-tab1', 'n-tab2'].map((id) => ids.indexOf(id));
    places(after).forEach((place, i) => expect(place).toBeGreaterThanOrEqual(places(before)[i] ?? Infinity));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(places(after))).toBeGreaterThan(sum(places(before)));
  });

  it("orders the sections by the reader's interest once there is enough signal", () => {
    const more = [...liked, paperOn('humanoid', 'old-hum3', 5, 7)].map((p) => voteOn(p, 'more'));
    const robots = [1, 2, 3, 4].map((i) => paperOn('humanoid', `r-hum${i}`, 10 - i, i));
    const bigger = buildEdition('2025-11-25', [...everything(edition).map((p) => p.paper), ...robots]);
    const fresh = digestOf(composeDigest(bigger, all, { skipEmpty: true })).sections.map((s) => s.id);
    const d = digestOf(personalDigest({ edition: bigger, prefs: all, reader: readerWith(more), skipEmpty: true }));
    expect(d.forYou).toHaveLength(FOR_YOU_SIZE);
    const robotics = d.sections.findIndex((s) => s.id === 'robotics');
    expect(fresh.indexOf('robotics')).toBeGreaterThan(0);
    expect(robotics).toBeLessThan(fresh.indexOf('robotics'));
  });

  it('never shows a muted paper, even a liked kind', () => {
    const d = personal(
      readerWith(
        liked.map((p) => voteOn(p, 'more')),
        { mutes: ['Humanoid'] },
      ),
    );
    expect(shown(d).filter((id) => id.includes('hum'))).toEqual([]);
    expect(shown(d).length).toBeGreaterThan(0);
  });

  it('names a follow as the strongest reason', () => {
    const d = personal(readerWith([], { keywords: ['speech synthesis'] }));
    expect(d.why?.['n-sp1']).toBe('You follow: speech synthesis');
    expect(shown(d)).toContain('n-sp2');
  });

  it('gives every shown paper one short, clean why line', () => {
    const messy = { ...liked[0]!, title: `Humanoid\u0007 locomotion ${'very '.repeat(40)}long\nname` };
    const d = personal(readerWith([voteOn(messy, 'more'), voteOn(liked[1]!, 'more')]));
    for (const id of shown(d)) {
      const why = d.why?.[id] ?? '';
      expect(why.length).toBeGreaterThan(0);
      expect(why.length).toBeLessThanOrEqual(MAX_WHY_LENGTH);
      expect([...why].some((c) => c.charCodeAt(0) < 32)).toBe(false);
    }
  });

  it('is deterministic: the same inputs give the same digest', () => {
    const reader = readerWith([...liked.map((p) => voteOn(p, 'more'))], { keywords: ['prompts'] });
    expect(JSON.stringify(personal(reader))).toBe(JSON.stringify(personal(structuredClone(reader))));
  });

  it('gives the same digest from the stored profile alone as from the votes (what the sender loads)', () => {
    const tables = paperOn('tables', 'old-tab', 5, 5);
    const reader = readerWith([...liked.map((p) => voteOn(p, 'more')), voteOn(tables, 'less')], {
      keywords: ['speech synthesis'],
    });
    const profiled = { ...reader, votes: [], profile: buildProfile(reader.votes) };
    expect(personal(profiled)).toEqual(personal(reader));
  });

  it('still sends the digest when "For you" takes every paper there is', () => {
    const robots = preferencesSchema.parse({ topics: ['robotics'], perTopic: 5, alsoTrending: false });
    const papers = [paperOn('humanoid', 'f-hum1', 5, 1), paperOn('humanoid', 'f-hum2', 3, 2)];
    const others = [paperOn('image', 'f-img', 50, 1), paperOn('tables', 'f-tab', 40, 1), paperOn('speech', 'f-sp', 30)];
    const few = buildEdition('2025-11-26', [...papers, ...others]);
    const reader = readerWith(liked.map((p) => voteOn(p, 'more')));
    const d = digestOf(personalDigest({ edition: few, prefs: robots, reader, skipEmpty: true }));
    expect(d.forYou?.map((p) => p.paper.id)).toEqual(['f-hum1', 'f-hum2']);
    expect(d.sections).toEqual([]);
  });

  it('never names a paper as the liked one it resembles', () => {
    const again = paperOn('humanoid', 'n-hum1', 12, 1);
    const d = personal(readerWith([voteOn(again, 'more')]));
    expect(d.why?.['n-hum2']).toMatch(/^Like "Humanoid locomotion with/);
    expect(d.why?.['n-hum1']).not.toMatch(/^Like/);
  });

  it('keeps the edition papers as they are (real scores) in the digest', () => {
    const d = personal(readerWith(liked.map((p) => voteOn(p, 'more'))));
    const byId = new Map(everything(edition).map((p) => [p.paper.id, p]));
    for (const p of [...(d.forYou ?? []), ...d.sections.flatMap((s) => s.papers)]) expect(p).toBe(byId.get(p.paper.id));
  });
});

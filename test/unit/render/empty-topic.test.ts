// A chosen topic with no papers is named in its place, and the footer lists every chosen topic, in both engines and
// the plain text; an edition of several list days says which in its heading and subject.
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/index.ts';
import { personalise, renderDigest, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import { sampleDigestProps, sampleWeekendEdition } from '../../../templates/preview-data.ts';
import { context, fixedDigest, recipient } from './digest-fixture.ts';

/** The two-topics sample (VLM reasoning, Robotics) on a day without a VLM reasoning paper. */
function dayWithoutVlm(): Digest {
  const digest = fixedDigest();
  const sections = digest.sections.map((s) => (s.id === 'vlm-reasoning' ? { ...s, papers: [] } : s));
  return { ...digest, sections, paperCount: sections.reduce((n, s) => n + s.papers.length, 0) };
}

const weekend = (): Digest => sampleDigestProps('weekend-empty-topic', sampleWeekendEdition()).digest;

/** The text between two markers (each must be there, in this order). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start, `"${from}" is in the email`).toBeGreaterThanOrEqual(0);
  expect(end, `"${to}" follows "${from}"`).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe.each(TEMPLATE_ENGINES)('an empty chosen topic (%s)', (engine) => {
  it('says so in its place, in the HTML and the plain text', async () => {
    const email = personalise(await renderDigest(dayWithoutVlm(), context, engine), recipient);
    const note = 'No new VLM reasoning papers today.';
    expect(between(email.html, '>VLM reasoning</h2>', '>Robotics</h2>')).toContain(note);
    expect(between(email.text, 'VLM REASONING', 'ROBOTICS')).toContain(note);
    expect(email.html.match(/No new .* papers/g)).toHaveLength(1);
  });

  it('stays in the footer: it lists exactly the topics the reader chose', async () => {
    const email = personalise(await renderDigest(dayWithoutVlm(), context, engine), recipient);
    const why = 'You get this because you subscribed to the Paperboy daily digest for: VLM reasoning, Robotics.';
    expect(email.html).toContain(why);
    expect(email.text).toContain(why);
    // The header counts only what is there.
    expect(email.text).toContain('In this issue: Robotics (3) · Also trending (3)');
    expect(email.html).toMatch(/In this issue: (<!-- -->)?Robotics \(3\) · Also trending \(3\)/);
  });

  it('names the days of a weekend edition, and says the topic had nothing in them', async () => {
    const email = personalise(await renderDigest(weekend(), context, engine), recipient);
    expect(email.subject).toMatch(/^Daily Papers, Fri 21 – Sun 23 Nov: /);
    expect(email.html).toMatch(/<h1[^>]*>Friday 21 – Sunday 23 November 2025<\/h1>/);
    expect(email.text).toContain('DAILY PAPERS · Friday 21 – Sunday 23 November 2025');
    const note = 'No new Visual RL papers in these 3 days.';
    expect(between(email.html, '>Visual RL</h2>', '>Robotics</h2>')).toContain(note);
    expect(email.text).toContain(note);
    expect(email.text).toContain('for: Visual RL, Robotics.');
  });
});

import { describe, expect, it } from 'vitest';
import { assessmentEmbeds, TRIAGE_COLOURS } from '../adapters/discord/assessment-embed.js';
import { calvesCommand, guildCommands } from '../adapters/discord/commands.js';
import { discordCopy } from '../adapters/discord/copy.js';
import { decodeCustomId } from '../adapters/discord/custom-id.js';
import { LIMITS } from '../adapters/discord/limits.js';
import { describeModal } from '../adapters/discord/modal.js';
import { renderReplies, renderSpent, splitContent } from '../adapters/discord/render.js';
import { labels } from '../adapters/shared/labels.js';
import { type AssessmentReply, type Reply, TRIAGE_LEVELS } from '../src/vocabulary.js';

type Json = any;
const flat = (rows: Json[]) => rows.flatMap((r) => r.components);

const yesNo: Reply = {
  kind: 'question',
  question: 'q3.abc',
  type: 'yes_no',
  finding: 'statin_use',
  text: 'Do you take a statin?',
  why: 'Statins can cause muscle pain.',
};
const multi = (n: number): Reply => ({
  kind: 'question',
  question: 'q1.abc',
  type: 'multi',
  options: Array.from({ length: n }, (_, i) => ({ finding: `f${i}`, label: `Option ${i} `.repeat(20) })),
  text: 'Do any of these apply?',
  why: 'Red flags first.',
});

function assessment(overrides: Partial<AssessmentReply> = {}): AssessmentReply {
  return {
    kind: 'assessment',
    triage: 'see_doctor',
    headline: 'Book an appointment with your doctor',
    nextSteps: ['Book a routine appointment.', 'Ask about a blood test.'],
    causes: [
      {
        id: 'iron_deficiency',
        because: [{ finding: 'unusual_fatigue', label: 'Unusual tiredness' }],
        name: 'Low iron',
        summary: 'Low iron can make you tired.',
        score: 2,
      },
      { id: 'dehydration', because: [], name: 'Dehydration', summary: 'Not drinking enough.', score: 1 },
    ],
    text: 'Book an appointment with your doctor\n\n- Book a routine appointment.\n- Ask about a blood test.\n\nWhat might be behind it, most likely first:\n1. Low iron: Low iron can make you tired. (you mentioned: unusual tiredness)\n2. Dehydration: Not drinking enough.\n\nA word on the evidence:\n- Iron tablets only help if you are low.',
    watchFor: ['Breathlessness at rest.'],
    evidence: ['Iron tablets only help if you are low.'],
    doctorSummary: 'What you told me: unusual tiredness.',
    sources: [
      {
        id: 'nhs-iron',
        title: 'Iron deficiency [anaemia]',
        publisher: 'NHS',
        url: 'https://www.nhs.uk/conditions/iron-deficiency-anaemia/',
      },
    ],
    disclaimer: 'General information, not a diagnosis.',
    ...overrides,
  };
}

const embedTotal = (e: Json) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n: number, f: Json) => n + f.name.length + f.value.length, 0);

describe('Discord rendering', () => {
  it('a yes/no question: text and question in one message, answer buttons then helper buttons', () => {
    const [message, ...rest] = renderReplies([{ kind: 'text', text: 'Hello.' }, yesNo], {
      epoch: 'e1',
      surface: 'guild',
    });
    expect(rest).toEqual([]);
    expect(message!.content).toBe('Hello.\n\n**Do you take a statin?**');
    const [answers, helpers] = message!.components as Json[];
    expect(answers.components.map((b: Json) => b.label)).toEqual([labels.yes, labels.no, labels.unsure]);
    expect(helpers.components.map((b: Json) => b.label)).toEqual([
      labels.why,
      discordCopy.describe,
      labels.startOver,
    ]);
    for (const b of flat(message!.components)) {
      expect(decodeCustomId(b.custom_id)).toMatchObject({ question: 'q3.abc', epoch: 'e1' });
    }
  });

  it('in DMs there is no modal button (people type)', () => {
    const [message] = renderReplies([yesNo], { epoch: 'e1', surface: 'dm' });
    expect(flat(message!.components).map((b: Json) => b.label)).not.toContain(discordCopy.describe);
  });

  it('a multi question: a select menu within limits, then None of these and the helpers', () => {
    const [message] = renderReplies([multi(30)], { epoch: 'e1', surface: 'guild' });
    const rows = message!.components as Json[];
    expect(rows.length).toBeLessThanOrEqual(LIMITS.rowsPerMessage);
    const select = rows[0].components[0];
    expect(select.type).toBe(3);
    expect(select.options).toHaveLength(25);
    expect(select.max_values).toBe(25);
    for (const o of select.options) expect(o.label.length).toBeLessThanOrEqual(100);
    for (const row of rows.slice(1)) expect(row.components.length).toBeLessThanOrEqual(5);
    expect(rows[1].components[0].label).toBe(labels.none);
  });

  it('long text is split under 2,000 characters per message; only the last carries the buttons', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} `.repeat(8)).join('\n\n');
    const messages = renderReplies([{ kind: 'text', text: long }, yesNo], { epoch: 'e1', surface: 'guild' });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(messages.at(-1)!.components.length).toBeGreaterThan(0);
    expect(splitContent('x'.repeat(4500))).toHaveLength(3);
  });

  it('warnings are flagged and mentions in any reply are neutralised', () => {
    const [m] = renderReplies([{ kind: 'text', text: 'Careful @everyone <@1>', tone: 'warning' }], {
      epoch: 'e',
      surface: 'guild',
    });
    expect(m!.content.startsWith('⚠️ ')).toBe(true);
    expect(m!.content).not.toMatch(/@everyone|<@1>/);
  });

  it('an assessment: embed coloured by triage, advice first, causes, the evidence, sources linked, disclaimer footer', () => {
    const [message] = renderReplies([assessment()], { epoch: 'e1', surface: 'guild' });
    const [embed] = message!.embeds as Json[];
    expect(embed.color).toBe(TRIAGE_COLOURS.see_doctor);
    expect(embed.title).toBe('Book an appointment with your doctor');
    expect(embed.description).toBe('• Book a routine appointment.\n• Ask about a blood test.');
    expect(embed.fields.map((f: Json) => f.name)).toEqual([
      'Most likely causes',
      'A word on the evidence',
      'Watch for',
      'What to tell your doctor',
      'Sources',
    ]);
    expect(embed.fields[0].value).toContain(
      '1. **Low iron**: Low iron can make you tired. *(you mentioned: unusual tiredness)*',
    );
    expect(embed.fields[1].value).toBe('• Iron tablets only help if you are low.');
    expect(embed.fields[4].value).toBe(
      '[Iron deficiency anaemia](https://www.nhs.uk/conditions/iron-deficiency-anaemia/) (NHS)',
    );
    expect(embed.footer.text).toBe('General information, not a diagnosis.');
    expect(flat(message!.components).map((b: Json) => b.label)).toEqual([
      discordCopy.askFollowUp,
      labels.startOver,
    ]);
  });

  it('every triage level has its own colour; urgent and emergency also put the headline in the text', () => {
    expect(new Set(TRIAGE_LEVELS.map((t) => TRIAGE_COLOURS[t])).size).toBe(4);
    const [m] = renderReplies([assessment({ triage: 'emergency', headline: 'Call 911 now' })], {
      epoch: 'e',
      surface: 'dm',
    });
    expect(m!.content).toContain('**Call 911 now**');
    expect(m!.embeds[0]!.color).toBe(TRIAGE_COLOURS.emergency);
  });

  it('a huge assessment is packed into several messages, each within the embed limits', () => {
    const big = assessment({
      nextSteps: Array.from({ length: 80 }, (_, i) => `Step ${i} `.repeat(10)),
      causes: Array.from({ length: 18 }, (_, i) => ({
        id: `c${i}`,
        because: [],
        name: `Cause ${i}`,
        summary: 'Summary '.repeat(60),
        score: 1,
      })),
      watchFor: Array.from({ length: 40 }, (_, i) => `Watch ${i} `.repeat(12)),
      sources: Array.from({ length: 40 }, (_, i) => ({
        id: `s${i}`,
        title: `Source ${i}`,
        publisher: 'P',
        url: `https://example.org/${i}`,
      })),
    });
    const embeds = assessmentEmbeds(big);
    expect(embeds.length).toBeGreaterThan(1);
    for (const e of embeds) {
      expect(embedTotal(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
      for (const f of e.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    }
    const messages = renderReplies([big], { epoch: 'e', surface: 'guild' });
    expect(messages.every((m) => m.embeds.length === 1)).toBe(true);
    expect(messages.at(-1)!.components.length).toBe(1);
  });

  it('a spent message keeps its text, gains a note, loses its components', () => {
    expect(renderSpent('**Q?**', '**Your answer:** Yes')).toEqual({
      content: '**Q?**\n\n**Your answer:** Yes',
      components: [],
    });
    expect(renderSpent('x'.repeat(2000), 'note').content.length).toBeLessThanOrEqual(2000);
    expect(renderSpent('', 'note')).toEqual({ content: 'note', components: [] });
  });

  it('the modal and the command stay within Discord limits', () => {
    const modal = describeModal('q1.abc', 'e1') as Json;
    expect(modal.title.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    expect(modal.components[0].label.length).toBeLessThanOrEqual(LIMITS.labelText);
    expect(modal.components[0].description.length).toBeLessThanOrEqual(LIMITS.labelDescription);
    expect(calvesCommand.description.length).toBeLessThanOrEqual(100);
    for (const o of calvesCommand.options as Json[]) {
      expect(o.name).toMatch(/^[a-z_-]{1,32}$/);
      expect(o.description.length).toBeLessThanOrEqual(100);
      for (const c of o.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);
    }
    expect(guildCommands()[0]).not.toHaveProperty('contexts');
  });
});

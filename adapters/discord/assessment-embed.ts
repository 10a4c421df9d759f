/**
 * An assessment as embeds, coloured by triage level: advice first (title + description), then the
 * ranked causes, an honest word on the evidence, what to watch for, what to tell a doctor, linked
 * sources, and the disclaimer in the footer. Discord caps one message's embeds at 6,000 characters
 * in total, so a long assessment is packed into several embeds, one per message, in the same order.
 * Every string is mention-proofed before it is measured, so the limits hold for what is sent.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AssessmentReply, Triage } from '../../src/vocabulary.js';
import { truncate } from '../shared/text.js';
import { neutraliseMentions } from './escape.js';
import { LIMITS } from './limits.js';

export const TRIAGE_COLOURS: Record<Triage, number> = {
  emergency: 0xc62828,
  urgent: 0xef6c00,
  see_doctor: 0xf9a825,
  self_care: 0x2e7d32,
};

const bullet = (s: string) => `• ${s}`;
/** Mention-proofed, then cut to `max` (the zero-width spaces count towards Discord's limits). */
const safe = (s: string, max: number) => truncate(neutraliseMentions(s), max);
const linkText = (s: string) => s.replace(/[[\]]/g, '');

/** Lines grouped into fields of at most 1,024 characters; later fields say "(continued)". */
function fieldsFrom(name: string, lines: string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current = '';
  const push = () => {
    if (!current) return;
    fields.push({ name: fields.length === 0 ? name : `${name} (continued)`, value: current });
    current = '';
  };
  for (const raw of lines) {
    const line = safe(raw.trim(), LIMITS.embedFieldValue);
    if (!line) continue;
    if (current && current.length + 1 + line.length > LIMITS.embedFieldValue) push();
    current = current ? `${current}\n${line}` : line;
  }
  push();
  return fields;
}

export const EVIDENCE_HEADING = 'A word on the evidence';

/** Which of your answers point to a cause, worded as in the explanation ("(you mentioned: …)"). */
const causeDetail = (because: AssessmentReply['causes'][number]['because']): string =>
  because.length > 0 ? `(you mentioned: ${because.map((b) => b.label.toLowerCase()).join('; ')})` : '';

function sections(a: AssessmentReply): APIEmbedField[] {
  return [
    ...fieldsFrom(
      'Most likely causes',
      a.causes.map((c, i) => {
        const detail = causeDetail(c.because);
        return `${i + 1}. **${c.name}**: ${c.summary}${detail ? ` *${detail}*` : ''}`;
      }),
    ),
    ...fieldsFrom(EVIDENCE_HEADING, (a.evidence ?? []).map(bullet)),
    ...fieldsFrom('Watch for', a.watchFor.map(bullet)),
    ...(a.doctorSummary ? fieldsFrom('What to tell your doctor', a.doctorSummary.split(/\n+/)) : []),
    ...fieldsFrom(
      'Sources',
      a.sources.map((s) => `[${linkText(s.title)}](${s.url}) (${s.publisher})`),
    ),
  ];
}

const embedLength = (e: APIEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** One or more embeds; each must go in its own message (the 6,000 limit is per message). */
export function assessmentEmbeds(a: AssessmentReply): APIEmbed[] {
  const colour = TRIAGE_COLOURS[a.triage];
  const footer = { text: safe(a.disclaimer, LIMITS.embedFooter) };
  const title = safe(a.headline, LIMITS.embedTitle);
  const first: APIEmbed = {
    title,
    description: safe(a.nextSteps.map(bullet).join('\n') || a.headline, LIMITS.embedDescription),
    color: colour,
    fields: [],
    footer,
  };
  const embeds: APIEmbed[] = [first];
  let current = first;
  for (const field of sections(a)) {
    const fits =
      (current.fields?.length ?? 0) < LIMITS.embedFields &&
      embedLength(current) + field.name.length + field.value.length <= LIMITS.embedTotal;
    if (!fits) {
      current = {
        title: safe(`${a.headline} (continued)`, LIMITS.embedTitle),
        color: colour,
        fields: [],
        footer,
      };
      embeds.push(current);
    }
    current.fields!.push(field);
  }
  return embeds;
}

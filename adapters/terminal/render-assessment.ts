/**
 * An assessment for a terminal of `width` columns: the advice and the next step first, in the
 * first few lines, so they are on screen when the reply ends; then the details (more steps, the
 * likely causes, the evidence, what to watch for, what to tell a doctor), each sentence marked
 * with the numbers of its sources ([1]) in the numbered list that follows; no line twice.
 */

import type { Knowledge } from '../../src/knowledge/schema.js';
import type { AssessmentReply } from '../../src/vocabulary.js';
import type { Style } from './render-text.js';
import { markers, sourceNumbers } from './source-markers.js';
import { wrap } from './wrap.js';

export function renderAssessment(
  reply: AssessmentReply,
  style: Style,
  width: number,
  knowledge: Knowledge | undefined,
): string {
  const seen = new Set<string>();
  const marked = (text: string) => {
    const m = markers(sourceNumbers(text, reply.sources, knowledge));
    return m ? `${text} ${m}` : text;
  };
  /** A bullet, unless the same sentence was already said above. */
  const bullet = (text: string, lead = '- '): string[] => {
    const key = text.trim().toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    return wrap(marked(text), width, lead, ' '.repeat(lead.length));
  };
  const section = (title: string, lines: string[]): string[] =>
    lines.length > 0 ? ['', style.bold(title), ...lines] : [];

  const colour =
    reply.triage === 'emergency' || reply.triage === 'urgent'
      ? style.red
      : reply.triage === 'see_doctor'
        ? style.yellow
        : style.green;
  const [first, ...moreSteps] = reply.nextSteps;

  const out: string[] = [
    ...wrap(reply.headline, width).map((l) => colour(style.bold(l))),
    ...(first ? bullet(first) : []),
    ...section(
      'What else to do:',
      moreSteps.flatMap((s) => bullet(s)),
    ),
    ...(reply.unexplained ? ['', ...wrap(marked(reply.unexplained), width)] : []),
    ...section(
      'What might be behind it, most likely first:',
      reply.causes.flatMap((c, i) => {
        const because =
          c.because.length > 0
            ? ` (you mentioned: ${c.because.map((b) => b.label.toLowerCase()).join('; ')})`
            : '';
        return bullet(`${c.name}: ${c.summary}${because}`, `${i + 1}. `);
      }),
    ),
    ...section(
      'A word on the evidence:',
      (reply.evidence ?? []).flatMap((e) => bullet(e)),
    ),
    ...section(
      'Watch for:',
      reply.watchFor.flatMap((w) => bullet(w)),
    ),
    ...section(
      'What to tell your doctor:',
      (reply.doctorSummary ?? '').split('\n').flatMap((l) => (l ? bullet(l, '  ') : [])),
    ),
    ...section(
      'Sources:',
      reply.sources.flatMap((s, i) => {
        const lead = `[${i + 1}] `;
        return [
          ...wrap(`${s.publisher}: ${s.title}`, width, lead),
          ...wrap(s.url, width, ' '.repeat(lead.length)).map(style.dim),
        ];
      }),
    ),
    '',
    ...wrap(reply.disclaimer, width).map(style.dim),
    ...wrap('Ask me more (e.g. "what foods have magnesium?"), or type "restart" or "quit".', width).map(
      style.dim,
    ),
  ];
  return out.join('\n');
}

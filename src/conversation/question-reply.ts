/** The pending question as a Reply (with its options' labels), and why it is asked. */
import type { Knowledge } from '../knowledge/schema.js';
import type { Reply } from '../vocabulary.js';
import type { PendingQuestion } from './types.js';

export function questionReply(p: PendingQuestion, knowledge: Knowledge): Reply {
  if (p.type === 'yes_no') {
    const f = knowledge.findings.get(p.findings[0]!)!;
    return { kind: 'question', question: p.id, type: 'yes_no', finding: f.id, text: f.question, why: f.why };
  }
  const group = knowledge.groups.find((g) => g.id === p.topic)!;
  return {
    kind: 'question',
    question: p.id,
    type: 'multi',
    options: p.findings.map((f) => ({ finding: f, label: knowledge.findings.get(f)!.label })),
    text: group.text,
    why: group.why,
  };
}

export function whyOf(p: PendingQuestion, knowledge: Knowledge): string {
  if (p.type === 'yes_no') return knowledge.findings.get(p.findings[0]!)!.why;
  return knowledge.groups.find((g) => g.id === p.topic)!.why;
}

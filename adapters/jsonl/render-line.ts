/** Replies → the contract's JSON shapes (extra internal fields are left out). */
import type { Reply } from '../../src/vocabulary.js';

export function toContractReply(reply: Reply): Record<string, unknown> {
  switch (reply.kind) {
    case 'text':
      return { kind: 'text', text: reply.text };
    case 'question':
      return reply.type === 'yes_no'
        ? {
            kind: 'question',
            question: reply.question,
            type: 'yes_no',
            finding: reply.finding,
            text: reply.text,
            why: reply.why,
          }
        : {
            kind: 'question',
            question: reply.question,
            type: 'multi',
            options: reply.options.map((o) => ({ finding: o.finding, label: o.label })),
            text: reply.text,
            why: reply.why,
          };
    case 'assessment':
      return {
        kind: 'assessment',
        triage: reply.triage,
        causes: reply.causes.map((c) => ({ id: c.id, because: c.because.map((b) => b.finding) })),
        text: reply.text,
        sources: reply.sources.map((s) => ({ title: `${s.publisher}: ${s.title}`, url: s.url })),
        disclaimer: reply.disclaimer,
      };
  }
}

export function renderLine(conversation: string, replies: Reply[]): string {
  return JSON.stringify({ conversation, replies: replies.map(toContractReply) });
}

export function renderError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

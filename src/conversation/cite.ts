/** Collects the sources behind the claims a reply uses, in the order they are first used. */
import type { Claim, Knowledge } from '../knowledge/schema.js';
import type { SourceRef } from '../vocabulary.js';

export class Citations {
  private readonly ids: string[] = [];
  constructor(private readonly knowledge: Knowledge) {}

  /** Record the claim's sources and return its text. */
  use(claim: Pick<Claim, 'text' | 'sources'>): string {
    this.add(claim.sources);
    return claim.text;
  }

  add(ids: readonly string[]): void {
    for (const id of ids) if (!this.ids.includes(id)) this.ids.push(id);
  }

  get refs(): SourceRef[] {
    return this.ids.map((id) => {
      const s = this.knowledge.sources.get(id)!;
      return { id: s.id, title: s.title, publisher: s.publisher, url: s.url };
    });
  }
}

/** "Sources: NHS — Leg cramps (https://…)" lines for plain-text renderings. */
export function sourcesAsText(refs: SourceRef[]): string {
  return ['Sources:', ...refs.map((r) => `- ${r.publisher}: ${r.title} (${r.url})`)].join('\n');
}

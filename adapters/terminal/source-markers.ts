/**
 * Which of an assessment's sources stand behind a line of it. The assessment lists its sources
 * without saying which sentence uses which, so the terminal finds each knowledge claim (a text
 * with sources, as filled in for any region) inside the line and numbers its sources by their
 * place in the assessment's list: "[1][3]".
 */
import { regionOf } from '../../src/conversation/compose-assessment.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import type { SourceRef } from '../../src/vocabulary.js';

interface IndexedClaim {
  text: string;
  sources: string[];
}

const index = new WeakMap<Knowledge, IndexedClaim[]>();

function isClaim(v: unknown): v is { text: string; sources: string[] } {
  const c = v as { text?: unknown; sources?: unknown } | null;
  return typeof c?.text === 'string' && Array.isArray(c.sources);
}

/** Every claim in the knowledge, as filled for every region, longest first. */
function claimsOf(knowledge: Knowledge): IndexedClaim[] {
  const cached = index.get(knowledge);
  if (cached) return cached;
  const raw: IndexedClaim[] = [];
  const walk = (v: unknown): void => {
    if (isClaim(v)) raw.push({ text: v.text, sources: v.sources });
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk([...knowledge.causes.values()]);
  walk(knowledge.redFlags);
  walk(knowledge.care.unexplained);
  walk(knowledge.followUps);
  const claims: IndexedClaim[] = [];
  // Every region calfbot knows, and the wording for an unknown one ("your local emergency number").
  for (const code of [...Object.keys(knowledge.care.regions), '']) {
    const region = regionOf(knowledge, code);
    for (const c of raw) claims.push({ text: region.fill(c.text), sources: c.sources });
    // The region's own advice (headline and next step per triage level) rests on its sources.
    for (const advice of Object.values(knowledge.care.triage)) {
      claims.push({ text: region.fill(advice.next_step), sources: region.sources });
      claims.push({ text: region.fill(advice.headline), sources: region.sources });
    }
  }
  claims.sort((a, b) => b.text.length - a.text.length);
  index.set(knowledge, claims);
  return claims;
}

/** The 1-based numbers, in `sources`, of the sources behind the claims found in `line`. */
export function sourceNumbers(
  line: string,
  sources: SourceRef[],
  knowledge: Knowledge | undefined,
): number[] {
  if (!knowledge) return [];
  const numbers = new Set<number>();
  for (const claim of claimsOf(knowledge)) {
    if (!line.includes(claim.text)) continue;
    for (const id of claim.sources) {
      const n = sources.findIndex((s) => s.id === id);
      if (n >= 0) numbers.add(n + 1);
    }
  }
  return [...numbers].sort((a, b) => a - b);
}

export const markers = (numbers: number[]): string => numbers.map((n) => `[${n}]`).join('');

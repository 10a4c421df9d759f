/**
 * Findings that follow from others (knowledge/findings.yaml `implies`): pregnancy and a recent
 * birth are clot risk factors, so a pregnant person is never asked about clot risks again.
 */

import type { Knowledge } from '../knowledge/schema.js';
import type { Choice } from '../vocabulary.js';

/** Sets every finding implied by a present one, where it is not yet known. Returns what it set. */
export function applyImplications(knowledge: Knowledge, findings: Record<string, Choice>): string[] {
  const set: string[] = [];
  for (const [id, choice] of Object.entries(findings)) {
    if (choice !== 'yes') continue;
    for (const implied of knowledge.findings.get(id)?.implies ?? []) {
      if (findings[implied] === undefined || findings[implied] === 'unsure') {
        findings[implied] = 'yes';
        set.push(implied);
      }
    }
  }
  return set;
}

/**
 * A message too long to keep is still read for warning signs: "... my left calf is swollen and
 * hot and I just got off a 14 hour flight" at the end of a 5,000-character paste is answered as
 * the urgent case it is. Nothing of the text is stored; only warning signs change the reply.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { evaluate } from '../triage/evaluate.js';
import { applyImplications } from '../triage/implications.js';
import { extractFindings } from '../understanding/extract-findings.js';
import { type AssessmentReply, type Choice, triageRank } from '../vocabulary.js';
import { composeAssessment } from './compose-assessment.js';

/** Past this many characters even the screen stops reading (a paste of a whole web page). */
export const SCREEN_CHARS_MAX = 100_000;

/** The assessment for a long paste when it shows a warning sign (urgent or emergency), else null. */
export function screenLongText(text: string, knowledge: Knowledge, region: string): AssessmentReply | null {
  const findings: Record<string, Choice> = Object.fromEntries(
    extractFindings(text.slice(-SCREEN_CHARS_MAX), knowledge),
  );
  applyImplications(knowledge, findings);
  if (triageRank(evaluate(knowledge, findings).triage) < triageRank('urgent')) return null;
  return composeAssessment(knowledge, findings, region);
}

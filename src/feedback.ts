/**
 * Anonymous answers to "was this helpful?": a count per advice level and verdict, and nothing
 * else (no user, conversation, finding or time), so the numbers can be shown to anyone.
 */
import { TRIAGE_LEVELS, type Triage } from './vocabulary.js';

export const VERDICTS = ['helpful', 'not_helpful'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type FeedbackSnapshot = Record<Triage, Record<Verdict, number>>;

export class FeedbackCounts {
  private readonly counts = new Map<string, number>();
  private readonly listeners: Array<(advice: Triage, verdict: Verdict) => void> = [];

  record(advice: Triage, verdict: Verdict): void {
    const k = `${advice}/${verdict}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    for (const l of this.listeners) l(advice, verdict);
  }

  /** Called on every record (the Prometheus counter listens here). */
  onRecord(listener: (advice: Triage, verdict: Verdict) => void): void {
    this.listeners.push(listener);
  }

  snapshot(): FeedbackSnapshot {
    const out = {} as FeedbackSnapshot;
    for (const advice of TRIAGE_LEVELS) {
      out[advice] = { helpful: 0, not_helpful: 0 };
      for (const v of VERDICTS) out[advice][v] = this.counts.get(`${advice}/${v}`) ?? 0;
    }
    return out;
  }
}

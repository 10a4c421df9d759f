/**
 * The pure conversation step: every development vignette replayed through `step()` (by buttons
 * and in words, as the judge plays them), timing each call; and the understanding of one
 * free-text message on its own (`extractFindings` on each vignette's opening).
 */
import { type MachineEvent, step } from '../src/conversation/machine.js';
import type { ConversationState } from '../src/conversation/types.js';
import type { Knowledge } from '../src/knowledge/schema.js';
import { extractFindings } from '../src/understanding/extract-findings.js';
import type { UserEvent } from '../src/vocabulary.js';
import { msSince, type Summary, summarize } from './stats.js';
import { type AnswerMode, loadVignettes, nextEvent, type Vignette } from './vignettes.js';

export interface StepFigures {
  /** `cpuMs`: the process's CPU time per call (user + system), which preemption does not inflate. */
  turns: Summary & { perSec: number; cpuMs: number; byMode: Record<AnswerMode, Summary> };
  understanding: Summary & { perSec: number; cpuMs: number };
}

const REGION = 'US';

/** Play one vignette synchronously; push each step's duration (ms) to `out`. */
function playTimed(v: Vignette, mode: AnswerMode, knowledge: Knowledge, out: number[]): void {
  let state: ConversationState | null = null;
  let event: UserEvent | null = { kind: 'text', text: v.opening };
  for (let turn = 0; event; turn++) {
    const now = Date.now();
    const t0 = process.hrtime.bigint();
    // Vignettes never say "forget" (the Bot's command, not the machine's).
    const result = step(state, event as MachineEvent, { knowledge, region: REGION, now });
    out.push(msSince(t0));
    state = result.state;
    event = nextEvent(result.replies, v, turn, mode);
  }
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

function runFor(ms: number, body: () => void): void {
  const end = Date.now() + ms;
  while (Date.now() < end) body();
}

export function benchStep(knowledge: Knowledge, opts: { durationMs: number }): StepFigures {
  const vignettes = loadVignettes();
  const modes: AnswerMode[] = ['buttons', 'words'];
  const sink: number[] = [];
  runFor(Math.min(1000, opts.durationMs / 2), () => {
    for (const v of vignettes) for (const m of modes) playTimed(v, m, knowledge, sink);
  });

  const byMode: Record<AnswerMode, number[]> = { buttons: [], words: [] };
  const turnsCpu = process.cpuUsage();
  runFor(opts.durationMs, () => {
    for (const v of vignettes) for (const m of modes) playTimed(v, m, knowledge, byMode[m]);
  });
  const all = [...byMode.buttons, ...byMode.words];
  const turns = summarize(all);
  const turnsCpuMs = cpuMs(process.cpuUsage(turnsCpu)) / all.length;

  const texts = vignettes.map((v) => v.opening);
  runFor(Math.min(500, opts.durationMs / 4), () => {
    for (const t of texts) extractFindings(t, knowledge);
  });
  const understandingMs: number[] = [];
  const understandingCpu = process.cpuUsage();
  runFor(opts.durationMs / 2, () => {
    for (const t of texts) {
      const t0 = process.hrtime.bigint();
      extractFindings(t, knowledge);
      understandingMs.push(msSince(t0));
    }
  });
  const understanding = summarize(understandingMs);
  const understandingCpuMs = cpuMs(process.cpuUsage(understandingCpu)) / understandingMs.length;
  return {
    turns: {
      ...turns,
      perSec: 1000 / turns.mean,
      cpuMs: turnsCpuMs,
      byMode: { buttons: summarize(byMode.buttons), words: summarize(byMode.words) },
    },
    understanding: { ...understanding, perSec: 1000 / understanding.mean, cpuMs: understandingCpuMs },
  };
}

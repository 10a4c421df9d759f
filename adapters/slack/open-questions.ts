/**
 * The question message each conversation is waiting on (DMs and threads, where messages have a
 * ts), remembered in this process so that when the conversation moves on without a click (an
 * answer typed in words, "restart", "back") the old question loses its buttons too. Best effort:
 * a click on an old question is also caught when it comes (see handlers/actions.ts).
 */
import type { SlackMessage } from './render-blocks.js';

export interface OpenQuestion {
  question: string;
  ts: string;
  message: SlackMessage;
}

const DEFAULT_MAX = 10_000;

export class OpenQuestions {
  private readonly open = new Map<string, OpenQuestion>();
  constructor(private readonly max = DEFAULT_MAX) {}

  get(key: string): OpenQuestion | undefined {
    return this.open.get(key);
  }

  set(key: string, q: OpenQuestion): void {
    this.open.delete(key);
    this.open.set(key, q);
    while (this.open.size > this.max) this.open.delete(this.open.keys().next().value!);
  }

  delete(key: string): void {
    this.open.delete(key);
  }
}

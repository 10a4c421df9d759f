/**
 * The posted message of each open question, remembered in this process, so that when a turn
 * closes the question without a click on it (an answer typed in words, "restart", "back"), its
 * message loses its buttons too. Which question closed comes from the TurnOutcome; this only maps
 * it to the platform's message. Best effort: a click on an old message is caught by the turn too.
 */
const DEFAULT_MAX = 10_000;

export class QuestionMessages<M> {
  private readonly open = new Map<string, M>();
  constructor(private readonly max = DEFAULT_MAX) {}

  /** Remember the message that asks `question` in conversation `key`. */
  remember(key: string, question: string, message: M): void {
    const id = `${key}\n${question}`;
    this.open.delete(id);
    this.open.set(id, message);
    while (this.open.size > this.max) this.open.delete(this.open.keys().next().value!);
  }

  /** The message that asked `question`, forgotten as it is handed out. */
  take(key: string, question: string): M | undefined {
    const id = `${key}\n${question}`;
    const message = this.open.get(id);
    this.open.delete(id);
    return message;
  }
}

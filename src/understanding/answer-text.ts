/** Reading an answer typed to a question: corrections, and our own option labels said back. */

/** "sorry, not the statin", "actually no", "I mean...": an earlier answer is being corrected. */
export function isCorrection(text: string): boolean {
  return /\b(sorry|actually|i mean|i meant|correction|scratch that|wait|oops|my mistake|not the)\b/i.test(
    text,
  );
}

/** The text without the option labels it repeats (they answer the question and nothing else). */
export function withoutLabels(text: string, options: ReadonlyArray<{ label: string }>): string {
  let rest = text;
  for (const { label } of options) {
    rest = rest.replace(new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' , ');
  }
  return rest;
}

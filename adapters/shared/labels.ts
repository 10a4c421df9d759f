/** The words on buttons and answer notes that every platform shows the same way. */
import type { GivenAnswer } from '../../src/turn-outcome.js';
import type { Choice } from '../../src/vocabulary.js';

export const labels = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure',
  none: 'None of these',
  why: 'Why are you asking?',
  startOver: 'Start over',
} as const;

export const choiceLabel = (choice: Choice): string =>
  choice === 'yes' ? labels.yes : choice === 'no' ? labels.no : labels.unsure;

/** How a question was answered, in words ("Yes", "Swelling, Redness", "None of these"). */
export function answerLabel(answer: GivenAnswer): string {
  if (answer.choice) return choiceLabel(answer.choice);
  const picked = answer.picked ?? [];
  return picked.length > 0 ? picked.join(', ') : labels.none;
}

/**
 * Compound number words as digits, by compromise: "I'm sixty-eight" → "I'm 68", "my mum is
 * eighty one" → "my mum is 81", so read-age.ts never reads "seventy two year old" as 2.
 * compromise costs about 0.4 s and 35 MB to load and 4 ms a message, so it is loaded on the
 * first message that has a tens word followed by a unit word, and used only for those.
 * Measured: README, "Understanding: libraries measured".
 */
import { createRequire } from 'node:module';

type Compromise = (text: string) => { numbers(): { toNumber(): unknown }; text(): string };

const COMPOUND =
  /\b(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b/i;

let nlp: Compromise | undefined;

/** The text with compound number words as digits; any other text comes back as it was. */
export function compoundNumbersAsDigits(text: string): string {
  if (!COMPOUND.test(text)) return text;
  nlp ??= createRequire(import.meta.url)('compromise') as Compromise;
  const doc = nlp(text);
  doc.numbers().toNumber();
  return doc.text();
}

/** What read-age.ts calls; bench/understanding-libraries.ts swaps it to measure without compromise. */
export const numberWords: { asDigits: (text: string) => string } = { asDigits: compoundNumbersAsDigits };

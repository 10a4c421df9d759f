/** The text toolkit every platform uses: cuts and splits never break a character in half. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitContent } from '../adapters/discord/render.js';
import { splitText, truncate } from '../adapters/shared/text.js';
import { splitMrkdwn } from '../adapters/slack/escape.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const emojiText = fc
  .array(fc.constantFrom('a', ' ', '\n', '\n\n', '🦵', '💪🏽', '&amp;', 'é'), { maxLength: 400 })
  .map((parts) => parts.join(''));

describe('truncate and split', () => {
  it('truncate keeps within the limit, ends with an ellipsis when cut, and never leaves half an emoji', () => {
    fc.assert(
      fc.property(emojiText, fc.integer({ min: 1, max: 50 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(loneSurrogate.test(out)).toBe(false);
        if (text.length > max) expect(out.endsWith('…')).toBe(true);
        else expect(out).toBe(text);
      }),
    );
  });

  it('Discord and Slack splits keep every piece within the limit and every emoji whole', () => {
    fc.assert(
      fc.property(emojiText, fc.integer({ min: 8, max: 60 }), (text, max) => {
        for (const pieces of [splitText(text, max), splitContent(text, max), splitMrkdwn(text, max)]) {
          for (const p of pieces) {
            expect(p.length).toBeLessThanOrEqual(max);
            expect(loneSurrogate.test(p)).toBe(false);
          }
        }
        // Slack's hook: no escape such as &amp; is cut in half.
        for (const p of splitMrkdwn(text, max)) expect(/&(a|am|amp)?$/.test(p)).toBe(false);
      }),
    );
  });

  it('prefers a paragraph break to a line break to a space', () => {
    expect(splitText(`${'a'.repeat(30)}\n\n${'b'.repeat(30)}`, 40)).toEqual(['a'.repeat(30), 'b'.repeat(30)]);
    expect(splitText(`${'a'.repeat(25)} ${'b'.repeat(10)}\n${'c'.repeat(10)}`, 40)).toEqual([
      `${'a'.repeat(25)} ${'b'.repeat(10)}`,
      'c'.repeat(10),
    ]);
  });
});

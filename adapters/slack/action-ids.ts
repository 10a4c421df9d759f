/**
 * The action ids on calfbot's buttons and checkboxes, and the small JSON value each button
 * carries (which question it answers). Values are parsed with zod when a click comes back.
 */
import { z } from 'zod';
import type { Choice } from '../../src/conversation/types.js';

export const ACTION = {
  yes: 'calves_answer_yes',
  no: 'calves_answer_no',
  unsure: 'calves_answer_unsure',
  submit: 'calves_submit',
  none: 'calves_none',
  why: 'calves_why',
  restart: 'calves_restart',
} as const;

/** Every calfbot action id starts with this; a checkbox toggle is `calves_check_<n>`. */
export const ACTION_PREFIX = /^calves_/;
export const CHECKBOX_ACTION = /^calves_check_\d+$/;
export const checkboxActionId = (i: number): string => `calves_check_${i}`;
export const checkboxBlockId = (question: string, i: number): string =>
  `calves_checks_${i}_${question}`.slice(0, 255);
export const isCheckboxBlock = (blockId: string): boolean => blockId.startsWith('calves_checks_');

/** A Map, not an object: an action id is outside text and must never find a built-in property. */
export const CHOICE_OF_ACTION: ReadonlyMap<string, Choice> = new Map<string, Choice>([
  [ACTION.yes, 'yes'],
  [ACTION.no, 'no'],
  [ACTION.unsure, 'unsure'],
]);

const buttonValueSchema = z.object({ q: z.string().max(1900).optional() });
export type ButtonValue = z.infer<typeof buttonValueSchema>;

export const encodeValue = (v: ButtonValue): string => JSON.stringify(v);

export function decodeValue(raw: string | undefined): ButtonValue | null {
  if (!raw) return null;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

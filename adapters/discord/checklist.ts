/**
 * The checklist form: a multi-choice question as a modal of checkbox groups (every option on its
 * own line, its whole label shown, which reads better than a menu for the warning-sign screen).
 * The options come from the question message's own select menu, so the form opens at once (a
 * modal must be the first response) without asking the Bot. The menu stays on the message for
 * every client and where a form cannot open; an empty submission is "none of these".
 */
import {
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
  ComponentType,
  type ModalSubmitInteraction,
} from 'discord.js';
import { truncate } from '../shared/text.js';
import { discordCopy } from './copy.js';
import { decodeCustomId, encodeCustomId } from './custom-id.js';
import { LIMITS } from './limits.js';

/** The most options a checklist form can hold. */
export const CHECKLIST_MAX_OPTIONS = LIMITS.checkboxOptions * LIMITS.modalComponents;

const groupId = (i: number) => `ticks${i}`;

type Json = { type?: number; custom_id?: string; options?: APISelectMenuOption[]; components?: Json[] };

/** The options of the select menu answering `question` on a message (raw components). */
export function menuOptions(
  components: readonly unknown[],
  question: string | null,
): APISelectMenuOption[] | null {
  for (const row of components as Json[]) {
    for (const c of row.components ?? []) {
      if (c.type !== ComponentType.StringSelect || !c.custom_id) continue;
      const id = decodeCustomId(c.custom_id);
      if (id?.verb === 'select' && id.question === question) return c.options ?? [];
    }
  }
  return null;
}

export function checklistModal(
  question: string,
  epoch: string,
  text: string,
  options: readonly APISelectMenuOption[],
): APIModalInteractionResponseCallbackData {
  const groups: APISelectMenuOption[][] = [];
  for (let i = 0; i < Math.min(options.length, CHECKLIST_MAX_OPTIONS); i += LIMITS.checkboxOptions)
    groups.push(options.slice(i, i + LIMITS.checkboxOptions));
  return {
    custom_id: encodeCustomId({ verb: 'ticked', question, epoch }),
    title: truncate(discordCopy.checklistTitle, LIMITS.modalTitle),
    components: groups.map((group, i) => ({
      type: ComponentType.Label,
      label: truncate(discordCopy.checklistLabel(i + 1, groups.length), LIMITS.labelText),
      ...(i === 0 && text ? { description: truncate(text, LIMITS.labelDescription) } : {}),
      component: {
        type: ComponentType.CheckboxGroup,
        custom_id: groupId(i),
        options: group.map((o) => ({ value: o.value, label: o.label })),
        min_values: 0,
        max_values: group.length,
        required: false,
      },
    })),
  };
}

/** Every value ticked in the form ([] when none: "none of these"). */
export function tickedValues(i: ModalSubmitInteraction): string[] {
  const values: string[] = [];
  for (let g = 0; g < LIMITS.modalComponents; g++) {
    try {
      values.push(...i.fields.getCheckboxGroup(groupId(g)));
    } catch {
      break; // no such group: the form had fewer
    }
  }
  return values;
}

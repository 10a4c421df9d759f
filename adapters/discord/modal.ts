/** The "Describe it in your own words" modal: free text in a server without the message-content intent. */
import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { MAX_TEXT_CHARS } from '../../src/bot.js';
import { truncate } from '../shared/text.js';
import { discordCopy } from './copy.js';
import { encodeCustomId } from './custom-id.js';
import { LIMITS } from './limits.js';

export const MODAL_TEXT_INPUT_ID = 'text';

/** `question` null: the modal asks a follow-up after an assessment rather than answering a question. */
export function describeModal(
  question: string | null,
  epoch: string,
): APIModalInteractionResponseCallbackData {
  const followUp = question === null;
  return {
    custom_id: encodeCustomId({ verb: 'modal', question, epoch }),
    title: truncate(followUp ? discordCopy.followUpTitle : discordCopy.describeTitle, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.Label,
        label: truncate(followUp ? discordCopy.followUpLabel : discordCopy.describeLabel, LIMITS.labelText),
        description: truncate(
          followUp ? discordCopy.followUpDescription : discordCopy.describeDescription,
          LIMITS.labelDescription,
        ),
        component: {
          type: ComponentType.TextInput,
          custom_id: MODAL_TEXT_INPUT_ID,
          style: TextInputStyle.Paragraph,
          required: true,
          min_length: 1,
          max_length: Math.min(MAX_TEXT_CHARS, LIMITS.textInputMax),
        },
      },
    ],
  };
}

/** The text typed into the modal ('' when missing). */
export function modalText(interaction: ModalSubmitInteraction): string {
  try {
    return interaction.fields.getTextInputValue(MODAL_TEXT_INPUT_ID) ?? '';
  } catch {
    return '';
  }
}

/** Buttons and select menus for questions and assessments (raw API JSON, within Discord's limits). */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { QuestionReply } from '../../src/vocabulary.js';
import { labels } from '../shared/labels.js';
import { truncate } from '../shared/text.js';
import { discordCopy } from './copy.js';
import { encodeCustomId, type Verb } from './custom-id.js';
import { LIMITS } from './limits.js';

export type Surface = 'guild' | 'dm';
export type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;

function button(
  verb: Verb,
  question: string | null,
  epoch: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: encodeCustomId({ verb, question, epoch }),
  };
}

/** Rows of at most five buttons. */
function rowsOf(buttons: APIButtonComponentWithCustomId[]): MessageRow[] {
  const rows: MessageRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** "Why are you asking?", "Describe it in your own words" (servers only: in DMs people type) and "Start over". */
function helperButtons(question: string, epoch: string, surface: Surface): APIButtonComponentWithCustomId[] {
  return [
    button('why', question, epoch, labels.why),
    ...(surface === 'guild' ? [button('describe', question, epoch, discordCopy.describe)] : []),
    button('restart', question, epoch, labels.startOver),
  ];
}

export function questionComponents(q: QuestionReply, epoch: string, surface: Surface): MessageRow[] {
  if (q.type === 'yes_no') {
    return [
      ...rowsOf([
        button('yes', q.question, epoch, labels.yes, ButtonStyle.Primary),
        button('no', q.question, epoch, labels.no, ButtonStyle.Primary),
        button('unsure', q.question, epoch, labels.unsure),
      ]),
      ...rowsOf(helperButtons(q.question, epoch, surface)),
    ];
  }
  const options = q.options.slice(0, LIMITS.selectOptions).map((o) => ({
    label: truncate(o.label, LIMITS.selectOptionLabel),
    value: o.finding.slice(0, LIMITS.selectOptionValue),
  }));
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: encodeCustomId({ verb: 'select', question: q.question, epoch }),
          placeholder: truncate(discordCopy.selectPlaceholder, LIMITS.selectPlaceholder),
          min_values: 1,
          max_values: Math.max(1, options.length),
          options,
        },
      ],
    },
    ...rowsOf([
      button('none', q.question, epoch, labels.none, ButtonStyle.Primary),
      // The same choice as a form of checkboxes, whole labels on their own lines (checklist.ts).
      ...(options.length <= LIMITS.checkboxOptions * LIMITS.modalComponents
        ? [button('checklist', q.question, epoch, discordCopy.checklist)]
        : []),
      ...helperButtons(q.question, epoch, surface),
    ]),
  ];
}

/** Under an assessment: ask a follow-up in words (servers) and start over. */
export function assessmentComponents(epoch: string, surface: Surface): MessageRow[] {
  return rowsOf([
    ...(surface === 'guild'
      ? [button('describe', null, epoch, discordCopy.askFollowUp, ButtonStyle.Primary)]
      : []),
    button('restart', null, epoch, labels.startOver),
  ]);
}

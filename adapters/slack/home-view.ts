/**
 * The Home tab (views.publish): how to start a check, the emergency numbers (the user's region
 * first, from their Slack locale or the configured region), what calfbot stores and for how long
 * (README "Privacy"), and a "Forget me" button. Pure: no I/O.
 */
import type { types } from '@slack/bolt';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { escapeMrkdwn } from './escape.js';
import { slackCommandName } from './manifest-values.js';

export const HOME_ACTION = {
  start: 'calfbot_home_start',
  forget: 'calfbot_home_forget',
} as const;

export type Care = Knowledge['care'];

export interface HomeFacts {
  care?: Care;
  /** The user's region code (care.yaml), when their locale or the configuration names one. */
  region?: string;
  ttlHours: number;
  /** One line to show at the top (e.g. what "Forget me" just did). */
  notice?: string;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string): types.KnownBlock => ({ type: 'section', text: mrkdwn(text) });

function numbers(care: Care | undefined, region: string | undefined): string {
  if (!care) return 'Call your local emergency number.';
  const all = Object.entries(care.regions);
  const mine = region ? all.find(([code]) => code === region) : undefined;
  const others = all.filter(([code]) => code !== mine?.[0]);
  const line = ([, r]: (typeof all)[number]) => `${escapeMrkdwn(r.name)}: *${escapeMrkdwn(r.emergency)}*`;
  const head = mine
    ? `*Where you are (${escapeMrkdwn(mine[1].name)}): call ${escapeMrkdwn(mine[1].emergency)}*, or ${escapeMrkdwn(mine[1].urgent)} for same-day advice.\n`
    : '';
  return `${head}${others.map(line).join(' · ')}\nAnywhere else: your local emergency number.`;
}

export function renderHome(facts: HomeFacts): { type: 'home'; blocks: types.KnownBlock[] } {
  const hours = facts.ttlHours === 1 ? '1 hour' : `${facts.ttlHours} hours`;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'calfbot: sore calves, checked carefully' } },
  ];
  if (facts.notice)
    blocks.push({ type: 'context', elements: [mrkdwn(`:white_check_mark: ${escapeMrkdwn(facts.notice)}`)] });
  blocks.push(
    section(
      'I check sore or cramping calves: red flags first, then a few questions, then what might be going on and what to do, with sources. I am not a doctor.',
    ),
    {
      type: 'actions',
      block_id: 'calfbot_home_start',
      elements: [
        {
          type: 'button',
          action_id: HOME_ACTION.start,
          text: { type: 'plain_text', text: 'Start a check' },
          style: 'primary',
          value: 'start',
        },
      ],
    },
    {
      type: 'context',
      elements: [
        mrkdwn(
          `Or send me a message in the Messages tab, or type \`${slackCommandName}\` anywhere (only you see the answers).`,
        ),
      ],
    },
    { type: 'divider' },
    section(`:rotating_light: *Emergency numbers*\n${numbers(facts.care, facts.region)}`),
    { type: 'divider' },
    section(
      `:lock: *What I keep, and for how long*\n• Your answers as short codes (not what you type), the question I am waiting on, and your Slack user id, for ${hours} after your last message; then they are deleted.\n• Never the text you type: it is read and discarded, and never logged.\n• A count of your messages for one minute (to stop floods), and one-way digests of event ids so a retry is answered once; they name no one.`,
    ),
    section('*Forget me* deletes every conversation you started with me, at once.'),
    {
      type: 'actions',
      block_id: 'calfbot_home_forget',
      elements: [
        {
          type: 'button',
          action_id: HOME_ACTION.forget,
          text: { type: 'plain_text', text: 'Forget me' },
          style: 'danger',
          value: 'forget',
          confirm: {
            title: { type: 'plain_text', text: 'Forget you?' },
            text: { type: 'plain_text', text: 'Every conversation you started with calfbot is deleted now.' },
            confirm: { type: 'plain_text', text: 'Delete' },
            deny: { type: 'plain_text', text: 'Keep' },
          },
        },
      ],
    },
  );
  return { type: 'home', blocks };
}

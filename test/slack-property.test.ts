/**
 * fast-check over everything the Slack adapter reads and writes, 10,000 generated inputs each:
 * payloads (events, slash commands, clicks, button values) never make a parser throw; Slack
 * message markup always becomes a well-formed UserEvent; any Reply (with hostile text in every
 * field) renders within Block Kit's limits with no live mention, broadcast or disguised link.
 * Then generated Slack messages go through parser → machine → renderer together.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeValue, encodeValue } from '../adapters/slack/action-ids.js';
import {
  appMentionEventSchema,
  blockActionsSchema,
  eventCallbackSchema,
  messageEventSchema,
  slackTextToPlain,
  slashCommandSchema,
} from '../adapters/slack/parse.js';
import { LIMITS, renderReply, type SlackMessage } from '../adapters/slack/render-blocks.js';
import { type MachineEvent, step } from '../src/conversation/machine.js';
import type { ConversationState } from '../src/conversation/types.js';
import { readEvent } from '../src/read-event.js';
import { COMMANDS, type UserEvent } from '../src/vocabulary.js';
import { knowledge } from './helpers/bot.js';
import { replyArbitrary } from './helpers/reply-arbitrary.js';

const RUNS = 10_000;
const BOT = 'U0CALFBOT';

function ensure(ok: unknown, what: string, detail?: unknown): asserts ok {
  if (!ok) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}

/** Pieces of Slack markup and hostile text that people (or attackers) put in messages. */
const MARKUP = [
  `<@${BOT}>`,
  '<@U0OTHER>',
  '<@U0OTHER|ann>',
  '<@W0ENTERPRISE>',
  '<!channel>',
  '<!here>',
  '<!here|here>',
  '<!everyone>',
  '<!subteam^S0TEAM|@oncall>',
  '<!date^1392734382^{date}|Feb 18>',
  '<#C0GENERAL|general>',
  '<#C0GENERAL>',
  '<https://evil.example/login|Your NHS results>',
  '<http://x.example>',
  '<mailto:a@b.example|mail me>',
  '&lt;!channel&gt;',
  '&lt;@U0BOSS&gt;',
  '&amp;',
  '&amp;lt;',
  '@channel',
  '@here',
  '@everyone',
  '<',
  '>',
  '|',
  '*bold*',
  '`code`',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u200b',
  '\u202e',
  '\ud83e\uddb5',
  '\n',
  '\t',
  ' ',
  'my calves hurt',
  'my left calf is swollen',
  'yes',
  'none',
  'help',
  'forget',
  'start over',
];
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...MARKUP), { maxLength: 12 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'grapheme' }) },
);

describe('Slack payload parsers (10,000 generated payloads)', () => {
  const str = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('D0DM', 'C0CHAN', 'U0USER', '1.000001'));
  const junk = fc.oneof(str, fc.anything({ maxDepth: 2 }));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const message = fc.record(
    {
      type: fc.oneof(fc.constantFrom('message', 'app_mention'), junk),
      subtype: maybe(junk),
      channel: fc.oneof(str, junk),
      channel_type: maybe(fc.oneof(fc.constant('im'), junk)),
      user: maybe(fc.oneof(str, junk)),
      bot_id: maybe(junk),
      text: maybe(fc.oneof(hostile, junk)),
      ts: fc.oneof(str, junk),
      thread_ts: maybe(junk),
      team: maybe(junk),
    },
    { requiredKeys: [] },
  );
  const command = fc.record(
    {
      command: fc.oneof(fc.constant('/calves'), junk),
      text: maybe(fc.oneof(hostile, junk)),
      team_id: fc.oneof(str, junk),
      channel_id: fc.oneof(str, junk),
      user_id: fc.oneof(str, junk),
      trigger_id: fc.oneof(str, junk),
      response_url: maybe(junk),
    },
    { requiredKeys: [] },
  );
  const option = fc.record({
    value: fc.oneof(str, junk),
    text: maybe(fc.record({ text: fc.oneof(hostile, junk) })),
  });
  const click = fc.record(
    {
      type: fc.oneof(fc.constant('block_actions'), junk),
      team: fc.oneof(fc.constant(null), fc.record({ id: fc.oneof(str, junk) }), junk),
      user: fc.oneof(fc.record({ id: fc.oneof(str, junk), team_id: maybe(junk) }), junk),
      channel: maybe(fc.oneof(fc.record({ id: str }), junk)),
      container: maybe(
        fc.record(
          {
            type: fc.oneof(str, junk),
            message_ts: maybe(junk),
            channel_id: maybe(junk),
            is_ephemeral: maybe(junk),
            thread_ts: maybe(junk),
          },
          { requiredKeys: [] },
        ),
      ),
      message: maybe(
        fc.record(
          { ts: fc.oneof(str, junk), blocks: maybe(fc.oneof(fc.array(fc.record({ type: str })), junk)) },
          { requiredKeys: [] },
        ),
      ),
      actions: fc.oneof(
        fc.array(
          fc.record(
            {
              action_id: fc.oneof(
                fc.constantFrom('calves_answer_yes', 'calves_submit', 'calves_check_0'),
                junk,
              ),
              value: maybe(fc.oneof(fc.constant(encodeValue({ q: 'q1.x' })), fc.json(), junk)),
              action_ts: maybe(junk),
              selected_options: maybe(fc.oneof(fc.array(option, { maxLength: 3 }), junk)),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        junk,
      ),
      state: maybe(
        fc.oneof(
          fc.record({
            values: fc.dictionary(
              str,
              fc.dictionary(
                str,
                fc.record({ type: str, selected_options: maybe(fc.array(option, { maxLength: 3 })) }),
              ),
            ),
          }),
          junk,
        ),
      ),
    },
    { requiredKeys: [] },
  );
  const payload = fc.oneof(message, command, click, fc.anything());

  it('no payload makes a schema throw; what parses has the fields the handlers read', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const m = messageEventSchema.safeParse(p);
        if (m.success)
          ensure(
            typeof m.data.channel === 'string' && m.data.channel && typeof m.data.ts === 'string',
            'message',
          );
        const a = appMentionEventSchema.safeParse(p);
        if (a.success) ensure(a.data.type === 'app_mention', 'mention');
        eventCallbackSchema.safeParse(p);
        const c = slashCommandSchema.safeParse(p);
        if (c.success)
          ensure(typeof c.data.text === 'string' && c.data.user_id && c.data.trigger_id, 'command');
        const b = blockActionsSchema.safeParse(p);
        if (b.success) ensure(b.data.actions.length > 0 && typeof b.data.user.id === 'string', 'click');
      }),
      { numRuns: RUNS },
    );
  });

  it('no button value makes the decoder throw; it gives a question id or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.constant(undefined),
          fc.string().map((q) => encodeValue({ q })),
        ),
        (raw) => {
          const v = decodeValue(raw);
          ensure(
            v === null || (typeof v === 'object' && (v.q === undefined || typeof v.q === 'string')),
            'value',
            v,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('Slack message text → UserEvent (10,000 generated messages)', () => {
  it('never throws; gives a command or trimmed text without the bot mention', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const plain = slackTextToPlain(raw, BOT);
        ensure(!plain.includes(`<@${BOT}>`), 'bot mention kept', plain);
        ensure(plain === plain.trim(), 'trimmed', plain);
        // The core reads commands out of the words, once.
        const e = readEvent({ kind: 'text', text: plain });
        if (e.kind === 'command') ensure(COMMANDS.includes(e.command), 'command', e);
        else ensure(e.kind === 'text', 'text event', e);
      }),
      { numRuns: RUNS },
    );
  });
});

// ── rendering ──────────────────────────────────────────────────────────────

type AnyBlock = Record<string, any>;

/** Every (type, text) pair in a message's blocks. */
function textsOf(m: SlackMessage): Array<{ type: string; text: string }> {
  const out: Array<{ type: string; text: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as AnyBlock;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
        out.push({ type: o.type, text: o.text });
      else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(m.blocks);
  return out;
}

const BROADCAST = /@(channel|here|everyone)\b/i;

/** Block Kit limits, and nothing Slack would read as a mention, broadcast or foreign link. */
function checkSlackMessage(m: SlackMessage): void {
  ensure(m.blocks.length > 0 && m.blocks.length <= LIMITS.blocks, 'block count', m.blocks.length);
  ensure(typeof m.text === 'string' && m.text.length <= LIMITS.fallbackText + 20, 'fallback text');
  const actionIds: string[] = [];
  const blockIds: string[] = [];
  for (const b of m.blocks as AnyBlock[]) {
    if (b.block_id !== undefined) blockIds.push(b.block_id);
    if (b.type === 'section')
      ensure(b.text.text.length >= 1 && b.text.text.length <= LIMITS.sectionText, 'section');
    if (b.type === 'header') ensure(b.text.text.length <= LIMITS.header, 'header');
    if (b.type === 'context') ensure(b.elements.length <= LIMITS.contextElements, 'context');
    if (b.type === 'actions') {
      ensure(b.elements.length <= 25 && b.block_id.length <= 255, 'actions block');
      for (const e of b.elements) {
        actionIds.push(e.action_id);
        if (e.type === 'button')
          ensure(e.text.text.length <= LIMITS.buttonText && e.value.length <= 2000, 'button', e);
        if (e.type === 'checkboxes') {
          ensure(e.options.length >= 1 && e.options.length <= LIMITS.optionsPerCheckboxes, 'checkbox count');
          for (const o of e.options)
            ensure(o.text.text.length <= LIMITS.optionText && o.value.length <= 150, 'checkbox option', o);
        }
      }
    }
  }
  ensure(new Set(actionIds).size === actionIds.length, 'unique action ids', actionIds);
  ensure(new Set(blockIds).size === blockIds.length, 'unique block ids', blockIds);
  for (const { type, text } of [...textsOf(m), { type: 'mrkdwn', text: m.text }]) {
    ensure(!BROADCAST.test(text), 'broadcast word', text);
    if (type !== 'mrkdwn') continue;
    // The only `<…>` allowed is a link we built to an https source (the last one may be cut short).
    const rest = text.replace(/<https:\/\/[^\s<>|]+\|[^<>|]*>/g, '').replace(/<https:\/\/[^<>]*$/, '');
    ensure(!/[<>]/.test(rest), 'markup', text);
  }
}

const K = knowledge();
const anyReply = replyArbitrary({
  hostile,
  questionId: fc.string({ minLength: 1, maxLength: 40 }),
  findingIds: K.findings.keys(),
  sourceUrl: fc.oneof(
    fc.constantFrom('https://www.nhs.uk/conditions/leg-cramps/', 'https://x.example/a?b=1&c=2'),
    fc.webUrl(),
    hostile,
  ),
  longText: { minLength: 2900, maxLength: 7000 },
  textCitesSources: true,
  maxCauses: 60,
  doctorSummaryMayBeBlank: true,
});

describe('Reply → Slack message (10,000 generated replies, hostile text in every field)', () => {
  it('stays within Block Kit limits and never carries a live mention, broadcast or foreign link', () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        checkSlackMessage(renderReply(reply));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Slack messages through parser, machine and renderer together', () => {
  it('a conversation of generated Slack messages never throws and every message posted is well-formed', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 3 }), (raws) => {
        let state: ConversationState | null = null;
        raws.forEach((raw, i) => {
          const event: UserEvent = readEvent({ kind: 'text', text: slackTextToPlain(raw, BOT) });
          if (event.kind === 'command' && event.command === 'forget') return; // the Bot's, not the machine's
          const out = step(state, event as MachineEvent, {
            knowledge: K,
            region: 'US',
            now: 1_700_000_000_000 + i,
          });
          ensure(out.replies.length > 0, 'a reply');
          for (const r of out.replies) checkSlackMessage(renderReply(r));
          state = out.state;
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

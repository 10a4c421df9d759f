/**
 * fast-check over what the Discord adapter reads and writes, 10,000 generated inputs each:
 * custom ids from any component (ours, mangled or foreign) never make the decoder throw, and what
 * it accepts is canonical; `/calves` options always map to a well-formed UserEvent; any Reply,
 * with hostile text in every field, renders to messages within Discord's limits and without a
 * live mention. Then generated typed messages go through the machine and the renderer together.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ACTIONS } from '../adapters/discord/commands.js';
import {
  decodeCustomId,
  encodeCustomId,
  epochOf,
  VERB_CODES,
  type Verb,
} from '../adapters/discord/custom-id.js';
import { echoUserText } from '../adapters/discord/escape.js';
import { slashEvent } from '../adapters/discord/handlers/slash-command.js';
import { LIMITS } from '../adapters/discord/limits.js';
import { type OutgoingMessage, renderReplies } from '../adapters/discord/render.js';
import { step } from '../src/conversation/machine.js';
import type { ConversationState } from '../src/conversation/types.js';
import { COMMANDS } from '../src/vocabulary.js';
import { knowledge } from './helpers/bot.js';
import { replyArbitrary } from './helpers/reply-arbitrary.js';

const RUNS = 10_000;
const K = knowledge();

function ensure(ok: unknown, what: string, detail?: unknown): asserts ok {
  if (!ok) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}

const MARKUP = [
  '@everyone',
  '@here',
  '@everyonex',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&223456789012345678>',
  '<#323456789012345678>',
  '</calves:423456789012345678>',
  '**bold**',
  '__u__',
  '`code`',
  '```',
  '[Your NHS results](https://evil.example/login)',
  '> quote',
  '# heading',
  '||spoiler||',
  '\\',
  '\u0000',
  '\u200b',
  '\u202e',
  '\ud83e\uddb5',
  '\n',
  ' ',
  'my calves hurt',
  'yes',
  'none of these',
  'forget',
  'what foods have magnesium?',
];
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...MARKUP), { maxLength: 12 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'grapheme' }) },
);

/** Text Discord would turn into a ping, or a command mention. */
const LIVE = /@(everyone|here)|<@[!&]?\d|<#\d|<\/[\w-]+:\d/i;

function checkMessage(m: OutgoingMessage): void {
  ensure(m.content.length > 0 || m.embeds.length > 0 || m.components.length > 0, 'empty message');
  ensure(m.content.length <= LIMITS.content, 'content length', m.content.length);
  ensure(!LIVE.test(m.content), 'live mention in content', m.content);
  ensure(m.embeds.length <= 10, 'embeds per message');
  let total = 0;
  for (const e of m.embeds) {
    const texts = [e.title ?? '', e.description ?? '', e.footer?.text ?? ''];
    ensure((e.title ?? '').length <= LIMITS.embedTitle, 'embed title', e.title);
    ensure((e.description ?? '').length <= LIMITS.embedDescription, 'embed description');
    ensure((e.footer?.text ?? '').length <= LIMITS.embedFooter, 'embed footer');
    ensure((e.fields ?? []).length <= LIMITS.embedFields, 'embed fields');
    for (const f of e.fields ?? []) {
      ensure(f.name.length > 0 && f.name.length <= LIMITS.embedFieldName, 'field name', f.name);
      ensure(f.value.length > 0 && f.value.length <= LIMITS.embedFieldValue, 'field value', f.value.length);
      texts.push(f.name, f.value);
    }
    for (const t of texts) ensure(!LIVE.test(t), 'live mention in embed', t);
    total += texts.reduce((n, t) => n + t.length, 0);
  }
  ensure(total <= LIMITS.embedTotal, 'embed total', total);
  ensure(m.components.length <= LIMITS.rowsPerMessage, 'rows');
  const ids: string[] = [];
  for (const row of m.components) {
    const parts = row.components as Array<Record<string, any>>;
    ensure(parts.length >= 1 && parts.length <= LIMITS.buttonsPerRow, 'row size', parts.length);
    for (const c of parts) {
      ids.push(c.custom_id);
      ensure(
        typeof c.custom_id === 'string' && c.custom_id.length <= LIMITS.customId,
        'custom id',
        c.custom_id,
      );
      ensure(decodeCustomId(c.custom_id) !== null, 'custom id decodes', c.custom_id);
      if (c.type === 2)
        ensure(c.label.length > 0 && c.label.length <= LIMITS.buttonLabel, 'button label', c.label);
      if (c.type === 3) {
        ensure(parts.length === 1, 'a select menu has its row to itself');
        ensure(c.options.length >= 1 && c.options.length <= LIMITS.selectOptions, 'select options');
        ensure(c.max_values <= c.options.length && c.min_values <= c.max_values, 'select min/max');
        const values = c.options.map((o: { value: string }) => o.value);
        ensure(new Set(values).size === values.length, 'unique option values', values);
        for (const o of c.options)
          ensure(
            o.label.length > 0 &&
              o.label.length <= LIMITS.selectOptionLabel &&
              o.value.length > 0 &&
              o.value.length <= LIMITS.selectOptionValue,
            'select option',
            o,
          );
      }
    }
  }
  ensure(new Set(ids).size === ids.length, 'unique custom ids in a message', ids);
}

describe('Discord custom ids (10,000 generated component ids)', () => {
  const verbs = Object.keys(VERB_CODES) as Verb[];
  const ours = fc
    .record({
      verb: fc.constantFrom(...verbs),
      question: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null }),
      epoch: fc.integer({ min: 0, max: 4_102_444_800_000 }).map(epochOf),
    })
    .map((id) => encodeCustomId(id));
  const mangled = fc
    .tuple(ours, fc.nat(), fc.string({ maxLength: 4 }))
    .map(
      ([raw, at, insert]) => raw.slice(0, at % (raw.length + 1)) + insert + raw.slice(at % (raw.length + 1)),
    );
  const any = fc.oneof(
    ours,
    mangled,
    fc.string({ maxLength: 120 }),
    fc.string({ maxLength: 40, unit: 'binary' }),
  );

  it('never throws; anything accepted is a canonical id of ours', () => {
    fc.assert(
      fc.property(any, (raw) => {
        const id = decodeCustomId(raw);
        if (id === null) return;
        ensure(verbs.includes(id.verb), 'verb', id);
        ensure(encodeCustomId(id) === raw, 'canonical', { raw, id });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('/calves options → UserEvent (10,000 generated invocations)', () => {
  it("an action wins, else the question is text, else the core's start (resume or begin)", () => {
    const action = fc.option(fc.constantFrom(...(Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>)), {
      nil: null,
    });
    fc.assert(
      fc.property(fc.option(hostile, { nil: null }), action, (question, act) => {
        const e = slashEvent(question, act);
        if (act) ensure(e.kind === 'command' && COMMANDS.includes(e.command), 'command', e);
        else if (question) ensure(e.kind === 'text' && e.text === question, 'text', e);
        else ensure(e.kind === 'command' && e.command === 'start', 'start', e);
      }),
      { numRuns: RUNS },
    );
  });

  it('echoing what someone typed never pings anyone and stays one short line', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 10, max: 400 }), (text, max) => {
        const out = echoUserText(text, max);
        ensure(!LIVE.test(out), 'live mention in echo', out);
        ensure(!/[\r\n]/.test(out), 'one line', out);
      }),
      { numRuns: RUNS },
    );
  });
});

const anyReply = replyArbitrary({
  hostile,
  questionId: fc.string({ minLength: 1, maxLength: 20 }),
  findingIds: K.findings.keys(),
  sourceUrl: fc.oneof(fc.constantFrom(...[...K.sources.values()].map((s) => s.url)), fc.webUrl()),
  longText: { minLength: 1900, maxLength: 6000 },
  textCitesSources: false,
  maxCauses: 40,
  doctorSummaryMayBeBlank: false,
});

describe('Reply[] → Discord messages (10,000 generated turns, hostile text in every field)', () => {
  it('within Discord limits, every component id ours, no live mention anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(anyReply, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }).map(epochOf),
        fc.constantFrom('guild' as const, 'dm' as const),
        (replies, epoch, surface) => {
          const messages = renderReplies(replies, { epoch, surface });
          ensure(messages.length > 0, 'something to send');
          for (const m of messages) checkMessage(m);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('typed Discord messages through machine and renderer together', () => {
  it('a conversation of generated messages never throws and everything sent is well-formed', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 3 }), (texts) => {
        let state: ConversationState | null = null;
        texts.forEach((text, i) => {
          const out = step(
            state,
            { kind: 'text', text },
            { knowledge: K, region: 'US', now: 1_700_000_000_000 + i },
          );
          const messages = renderReplies(out.replies, {
            epoch: epochOf(out.state.startedAt),
            surface: 'guild',
          });
          ensure(messages.length > 0, 'a reply');
          for (const m of messages) checkMessage(m);
          state = out.state;
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

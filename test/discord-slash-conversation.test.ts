/**
 * A `/calves` conversation in a server channel, from the slash command to an assessment by
 * button and menu clicks, with real discord.js against the fake Discord.
 */
import { describe, expect, it } from 'vitest';
import { TRIAGE_COLOURS } from '../adapters/discord/assessment-embed.js';
import { discordCopy } from '../adapters/discord/copy.js';
import { labels as ui } from '../adapters/shared/labels.js';
import { copy } from '../src/conversation/copy.js';
import {
  buttonByLabel,
  componentsOf,
  type DiscordHarness,
  EPHEMERAL,
  harnessForSuite,
  selectMenuOf,
} from './fakes/discord-harness.js';
import type { FakeUser, RecordedCall } from './fakes/fake-discord.js';

type Json = any;

const runner: FakeUser = { id: '700000000000000001', username: 'runner' };

/** The message body a call carried: callback `data`, or the webhook / channel body. */
const bodyOf = (call: RecordedCall): Json => (call.path.endsWith('/callback') ? call.body?.data : call.body);

describe('Discord: /calves in a server, to an assessment by clicks', () => {
  let h: DiscordHarness;
  /** The message with the question currently waiting for an answer. */
  let question: Json;
  harnessForSuite((started) => {
    h = started;
  });

  it('identifies with Guilds and DirectMessages only (no privileged intent)', () => {
    expect(h.fake.identifies).toHaveLength(1);
    expect(h.fake.identifies[0].intents).toBe(1 | 4096);
    expect(h.fake.identifies[0].compress).toBeFalsy();
  });

  it('answers /calves with an ephemeral question carrying a select menu and buttons', async () => {
    const ref = h.fake.slashCommand({ user: runner, options: { question: 'my calves hurt after running' } });
    await h.settle(ref);
    const [callback, ...rest] = h.fake.callsFor(ref);
    expect(callback?.method).toBe('POST');
    expect(callback?.path).toBe(`/interactions/${ref.id}/${ref.token}/callback`);
    expect(callback?.body.type).toBe(4);
    const data = callback!.body.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.content).toContain(copy.greeting);
    expect(rest).toEqual([]);

    const rows = data.components as Json[];
    expect(rows.length).toBeLessThanOrEqual(5);
    const select = selectMenuOf(data);
    expect(select.options.length).toBeGreaterThan(1);
    expect(select.options.length).toBeLessThanOrEqual(25);
    expect(select.max_values).toBe(select.options.length);
    const labels = componentsOf(data)
      .filter((c) => c.type === 2)
      .map((c) => c.label);
    expect(labels).toEqual([ui.none, discordCopy.checklist, ui.why, discordCopy.describe, ui.startOver]);
    for (const c of componentsOf(data)) expect(c.custom_id.length).toBeLessThanOrEqual(100);
    question = h.fake.messagesOf(ref)[0];
  });

  it('"Why are you asking?" explains in a new ephemeral message and leaves the question open', async () => {
    const ref = h.fake.click(question, buttonByLabel(question, ui.why).custom_id, { user: runner });
    await h.settle(ref);
    const calls = h.fake.callsFor(ref);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.type).toBe(4);
    expect(calls[0]!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content.length).toBeGreaterThan(20);
    expect(h.fake.messages.get(question.id).components.length).toBeGreaterThan(0);
  });

  it('a bare /calves mid-check shows help, then the same question again with live buttons', async () => {
    const ref = h.fake.slashCommand({ user: runner });
    await h.settle(ref);
    const [reply, ...more] = h.fake.messagesOf(ref);
    expect(more).toEqual([]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const content: string = reply.content;
    const helpAt = content.indexOf(copy.help.split('\n')[0]!);
    const noteAt = content.indexOf(copy.checkInProgress);
    expect(helpAt).toBeGreaterThanOrEqual(0);
    expect(noteAt).toBeGreaterThan(helpAt);
    const questionLine = (question.content as string).split('\n\n').at(-1)!;
    expect(content.endsWith(`\n\n${questionLine}`)).toBe(true);
    // The same question in the same conversation: the same buttons, and they work (used below).
    const ids = (m: Json) => componentsOf(m).map((c) => c.custom_id);
    expect(ids(reply)).toEqual(ids(question));
    question = reply;
  });

  it('clicks through every question to an assessment embed; spent messages lose their buttons', async () => {
    let message = question;
    let assessment: Json | undefined;
    for (let turn = 0; turn < 20 && !assessment; turn++) {
      const select = selectMenuOf(message);
      let ref: ReturnType<typeof h.fake.click>;
      let expectedNote: string;
      if (select && turn % 2 === 1) {
        // Pick the last option (never a red flag after the screen) with the menu.
        const option = select.options.at(-1);
        ref = h.fake.click(message, select.custom_id, { user: runner, values: [option.value] });
        expectedNote = discordCopy.answered(option.label);
      } else if (select) {
        ref = h.fake.click(message, buttonByLabel(message, ui.none).custom_id, { user: runner });
        expectedNote = discordCopy.answered(ui.none);
      } else {
        ref = h.fake.click(message, buttonByLabel(message, ui.no).custom_id, { user: runner });
        expectedNote = discordCopy.answered(ui.no);
      }
      await h.settle(ref);
      const [update, ...followUps] = h.fake.callsFor(ref);
      // The clicked message is updated in place: its note says what was answered, its buttons are gone.
      expect(update?.body.type).toBe(7);
      expect(update?.body.data.components).toEqual([]);
      expect(update?.body.data.content).toContain(expectedNote);
      expect(update?.body.data.allowed_mentions).toEqual({ parse: [] });
      expect(h.fake.messages.get(message.id).components).toEqual([]);
      // What comes next arrives as ephemeral follow-ups.
      expect(followUps.length).toBeGreaterThan(0);
      for (const f of followUps) {
        expect(f.method).toBe('POST');
        expect(f.path).toBe(`/webhooks/${h.fake.applicationId}/${ref.token}`);
        expect(f.body.flags & EPHEMERAL).toBe(EPHEMERAL);
        expect(f.body.allowed_mentions).toEqual({ parse: [] });
      }
      const created = h.fake.messagesOf(ref);
      message = created.at(-1);
      assessment = created.find((m: Json) => m.embeds?.length > 0);
    }
    expect(assessment).toBeDefined();
    const embed = assessment.embeds[0];
    const triage = Object.entries(TRIAGE_COLOURS).find(([, colour]) => colour === embed.color)?.[0];
    expect(triage).toBeDefined();
    expect(embed.title.length).toBeGreaterThan(0);
    expect(embed.description.startsWith('• ')).toBe(true);
    const names = embed.fields.map((f: Json) => f.name);
    expect(names[0]).toBe('Most likely causes');
    const sources = embed.fields.find((f: Json) => f.name === 'Sources');
    expect(sources.value).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(embed.footer.text.length).toBeGreaterThan(10);
    const buttons = componentsOf(message).map((c) => c.label);
    expect(buttons).toEqual([discordCopy.askFollowUp, ui.startOver]);
  });

  it('sent allowed_mentions parse [] with every message and never logged text or tokens', () => {
    const withMessages = h.fake.calls.filter(
      (c) => bodyOf(c) && (c.method === 'PATCH' || c.method === 'POST'),
    );
    expect(withMessages.length).toBeGreaterThan(3);
    for (const call of withMessages) {
      if (call.body?.type === 9) continue; // a modal is not a message
      expect(bodyOf(call).allowed_mentions).toEqual({ parse: [] });
    }
    const logs = h.logs.join('\n');
    expect(logs).not.toContain('my calves hurt');
    expect(logs).not.toContain(h.fake.token);
    expect(logs).not.toMatch(/tok_\d+/);
  });
});

/**
 * Free text on Discord: the "Describe it in your own words" modal in a server channel (no
 * message-content intent), and a conversation typed in the bot's DM.
 */
import { describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { MODAL_TEXT_INPUT_ID } from '../adapters/discord/modal.js';
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
import type { FakeUser } from './fakes/fake-discord.js';

type Json = any;

const runner: FakeUser = { id: '700000000000000002', username: 'trailrunner' };
const dmUser: FakeUser = { id: '700000000000000003', username: 'dmrunner' };

describe('Discord: free text through the modal, and in DMs', () => {
  let h: DiscordHarness;
  harnessForSuite((started) => {
    h = started;
  });

  describe('the modal in a server channel', () => {
    let question: Json;

    it('a bare /calves greets and asks the first question', async () => {
      const ref = h.fake.slashCommand({ user: runner });
      await h.settle(ref);
      question = h.fake.messagesOf(ref)[0];
      expect(question.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(question.content).toContain(copy.greeting);
      expect(question.content).not.toContain(copy.restarted);
      expect(selectMenuOf(question)).toBeDefined();
    });

    it('"Describe it in your own words" opens a modal with one paragraph input', async () => {
      const ref = h.fake.click(question, buttonByLabel(question, discordCopy.describe).custom_id, {
        user: runner,
      });
      await h.settle(ref);
      const calls = h.fake.callsFor(ref);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.body.type).toBe(9);
      const modal = calls[0]!.body.data;
      expect(modal.custom_id.length).toBeLessThanOrEqual(100);
      expect(modal.title.length).toBeLessThanOrEqual(45);
      const [label] = modal.components;
      expect(label.type).toBe(18);
      expect(label.component).toMatchObject({
        type: 4,
        custom_id: MODAL_TEXT_INPUT_ID,
        style: 2,
        required: true,
      });

      // The text answers the question: the question's message is updated, the next question follows.
      const submit = h.fake.submitModal(ref, { [MODAL_TEXT_INPUT_ID]: 'none of these' });
      await h.settle(submit);
      const [update, ...followUps] = h.fake.callsFor(submit);
      expect(update?.body.type).toBe(7);
      expect(update?.body.data.components).toEqual([]);
      expect(update?.body.data.content).toContain(discordCopy.wrote('none of these'));
      expect(followUps.length).toBeGreaterThan(0);
      expect(followUps[0]!.body.flags & EPHEMERAL).toBe(EPHEMERAL);
      question = h.fake.messagesOf(submit).at(-1);
      expect(componentsOf(question).length).toBeGreaterThan(0);
    });

    it('text the bot cannot use is echoed back safely, and the question stays open', async () => {
      const open = h.fake.click(question, buttonByLabel(question, discordCopy.describe).custom_id, {
        user: runner,
      });
      await h.settle(open);
      const hostile = '@everyone <@123456789012345678> look **here** <@&222222222222222222>';
      const submit = h.fake.submitModal(open, { [MODAL_TEXT_INPUT_ID]: hostile });
      await h.settle(submit);
      const calls = h.fake.callsFor(submit);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.body.type).toBe(4); // a new message: the question's buttons still work
      const data = calls[0]!.body.data;
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      expect(data.content).toContain('You wrote:');
      expect(data.content).not.toMatch(/@everyone|<@\d|<@&\d/);
      expect(data.content).toContain('\\*\\*here\\*\\*');
      expect(h.fake.messages.get(question.id).components.length).toBeGreaterThan(0);
    });

    it('after an assessment, the follow-up modal asks the core a question', async () => {
      // Answer everything with "none" / "no" by clicks to reach the assessment.
      let message = question;
      let assessment: Json;
      for (let i = 0; i < 20 && !assessment; i++) {
        const label = selectMenuOf(message) ? ui.none : ui.no;
        const ref = h.fake.click(message, buttonByLabel(message, label).custom_id, { user: runner });
        await h.settle(ref);
        message = h.fake.messagesOf(ref).at(-1);
        assessment = h.fake.messagesOf(ref).find((m: Json) => m.embeds?.length);
      }
      expect(assessment).toBeDefined();
      const open = h.fake.click(message, buttonByLabel(message, discordCopy.askFollowUp).custom_id, {
        user: runner,
      });
      await h.settle(open);
      expect(h.fake.modalOf(open).title).toBe(discordCopy.followUpTitle);
      const submit = h.fake.submitModal(open, { [MODAL_TEXT_INPUT_ID]: 'what foods have magnesium?' });
      await h.settle(submit);
      const calls = h.fake.callsFor(submit);
      expect(calls[0]!.body.type).toBe(4);
      expect(calls[0]!.body.data.content.toLowerCase()).toContain('magnesium');
      // The assessment keeps its buttons: more follow-ups are welcome.
      expect(componentsOf(h.fake.messages.get(message.id)).length).toBeGreaterThan(0);
    });
  });

  describe('a conversation typed in the DM', () => {
    it('answers typed messages in the DM channel, to an assessment', async () => {
      const first = h.fake.directMessage(dmUser, 'my calves cramp at night');
      const greeting = await h.fake.waitFor(
        () => h.fake.channelMessages(first.channelId)[0],
        5_000,
        'the DM reply',
      );
      await h.discord.idle();
      const post = h.fake.calls.find((c) => c.path === `/channels/${first.channelId}/messages`)!;
      expect(post.method).toBe('POST');
      expect(post.authorization).toBe(`Bot ${h.fake.token}`);
      expect(post.body.allowed_mentions).toEqual({ parse: [] });
      expect(post.body.flags ?? 0).toBe(0); // a DM is private already: not ephemeral
      expect(greeting.content).toContain(copy.greeting);
      // Buttons work in DMs too, but there is no modal button: people just type.
      const labels = componentsOf(greeting).map((c) => c.label);
      expect(labels).toContain(ui.why);
      expect(labels).not.toContain(discordCopy.describe);

      let seen = h.fake.channelMessages(first.channelId).length;
      let last: Json = greeting;
      for (let i = 0; i < 20 && !last.embeds?.length; i++) {
        h.fake.directMessage(dmUser, selectMenuOf(last) ? 'none of these' : 'no');
        await h.fake.waitFor(
          () => h.fake.channelMessages(first.channelId).length > seen,
          5_000,
          'a DM answer',
        );
        await h.discord.idle();
        const all = h.fake.channelMessages(first.channelId);
        seen = all.length;
        last = all.find((m: Json, idx: number) => idx >= seen - 3 && m.embeds?.length) ?? all.at(-1);
      }
      expect(last.embeds?.[0]?.footer?.text).toBeTruthy();
      expect(componentsOf(last).map((c) => c.label)).toEqual([ui.startOver]);
    });

    it('a redelivered DM (same message id) is answered once', async () => {
      const before = h.fake.calls.length;
      const msg = h.fake.directMessage(dmUser, 'restart');
      await h.fake.waitFor(() => h.fake.calls.length > before, 5_000, 'the restart reply');
      await h.discord.idle();
      const after = h.fake.calls.length;
      h.fake.directMessage(dmUser, 'restart', { id: msg.id });
      // Follow it with a fresh message so we know the duplicate was processed first.
      h.fake.directMessage(dmUser, 'help');
      await h.fake.waitFor(() => h.fake.calls.length > after, 5_000, 'the help reply');
      await h.discord.idle();
      const newPosts = h.fake.calls
        .slice(after)
        .filter((c) => c.path === `/channels/${msg.channelId}/messages`);
      expect(newPosts).toHaveLength(1);
      expect(newPosts[0]!.body.content).toContain(copy.help.split('\n')[0]);
    });

    it('buttons in the DM answer too (not ephemeral); one answered by typing goes stale', async () => {
      const user: FakeUser = { id: '700000000000000004', username: 'clicker' };
      const first = h.fake.directMessage(user, 'my calves hurt');
      const question = await h.fake.waitFor(
        () => h.fake.channelMessages(first.channelId)[0],
        5_000,
        'the DM reply',
      );
      await h.discord.idle();
      const kept = structuredClone(question);
      const why = h.fake.click(question, buttonByLabel(question, ui.why).custom_id, { user });
      await h.settle(why);
      expect(h.fake.callsFor(why)[0]!.body.type).toBe(4);
      expect((h.fake.callsFor(why)[0]!.body.data.flags ?? 0) & EPHEMERAL).toBe(0);

      const seen = h.fake.channelMessages(first.channelId).length;
      h.fake.directMessage(user, 'none of these');
      await h.fake.waitFor(
        () => h.fake.channelMessages(first.channelId).length > seen,
        5_000,
        'the typed answer',
      );
      await h.discord.idle();
      const stale = h.fake.click(kept, buttonByLabel(kept, ui.none).custom_id, { user });
      await h.settle(stale);
      const [update, ...followUps] = h.fake.callsFor(stale);
      expect(update!.body.type).toBe(7);
      expect(update!.body.data.content).toContain(discordCopy.noLongerActive);
      expect(followUps.map((f) => f.body.content).join('\n')).toContain(copy.staleAnswer);
      expect(followUps.every((f) => ((f.body.flags ?? 0) & EPHEMERAL) === 0)).toBe(true);
    });

    it('/calves in the DM continues the typed conversation (same conversation key), not ephemeral', async () => {
      const ref = h.fake.slashCommand({ user: dmUser, guildId: null, options: { question: 'why' } });
      await h.settle(ref);
      const [callback] = h.fake.callsFor(ref);
      expect(callback!.body.type).toBe(4);
      expect((callback!.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
      // "why" explains the question the typed "restart" asked.
      expect(callback!.body.data.content).not.toBe(copy.noQuestionToExplain);
    });
  });
});

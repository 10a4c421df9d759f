/**
 * A multi-choice question as a form of checkboxes (Discord's modal checkbox groups), beside the
 * select menu that stays on the message: the form opens at once with every option, and what is
 * ticked (or nothing: "none of these") answers the question like the menu does.
 */
import { describe, expect, it } from 'vitest';
import { discordCopy } from '../adapters/discord/copy.js';
import { labels as ui } from '../adapters/shared/labels.js';
import {
  buttonByLabel,
  type DiscordHarness,
  harnessForSuite,
  selectMenuOf,
} from './fakes/discord-harness.js';
import type { FakeUser } from './fakes/fake-discord.js';

type Json = any;

describe('Discord: the checklist form for a multi-choice question', () => {
  let h: DiscordHarness;
  harnessForSuite((started) => {
    h = started;
  });

  /** A bare /calves: the greeting and the warning-sign screen, a multi-choice question. */
  const opening = async (user: FakeUser) => {
    const ref = h.fake.slashCommand({ user });
    await h.settle(ref);
    return h.fake.messagesOf(ref).find((m: Json) => selectMenuOf(m));
  };

  it('opens a modal of checkbox groups with every option of the menu, the menu staying on the message', async () => {
    const user: FakeUser = { id: '750000000000000001', username: 'ticker' };
    const question = await opening(user);
    const menu = selectMenuOf(question);
    expect(menu).toBeDefined();
    const click = h.fake.click(question, buttonByLabel(question, discordCopy.checklist).custom_id, { user });
    await h.settle(click);
    const modal = h.fake.modalOf(click);
    expect(modal.title).toBe(discordCopy.checklistTitle);
    const groups = modal.components.map((label: Json) => label.component);
    for (const g of groups) {
      expect(g.type).toBe(22); // CHECKBOX_GROUP
      expect(g.options.length).toBeLessThanOrEqual(10);
      expect(g.min_values).toBe(0);
    }
    expect(groups.flatMap((g: Json) => g.options)).toEqual(
      menu.options.map((o: Json) => ({ value: o.value, label: o.label })),
    );
    // The message is unchanged: its menu still works for anyone who prefers it.
    expect(selectMenuOf(h.fake.messages.get(question.id))).toBeDefined();

    // Ticking nothing is "none of these": the question is answered and the next one follows.
    const submit = h.fake.submitModal(click, { [groups[0].custom_id]: [] });
    await h.settle(submit);
    expect(h.fake.messages.get(question.id).content).toContain(discordCopy.answered(ui.none));
    expect(h.fake.messages.get(question.id).components).toEqual([]);
    expect(h.fake.messagesOf(submit).length).toBeGreaterThan(0);
  });

  it('what is ticked is the answer, as with the menu', async () => {
    const user: FakeUser = { id: '750000000000000002', username: 'ticker2' };
    const question = await opening(user);
    const click = h.fake.click(question, buttonByLabel(question, discordCopy.checklist).custom_id, { user });
    await h.settle(click);
    const group = h.fake.modalOf(click).components[0].component;
    const picked =
      group.options.find((o: Json) => o.value === 'breathless_or_chest_pain') ?? group.options[0];
    const submit = h.fake.submitModal(click, { [group.custom_id]: [picked.value] });
    await h.settle(submit);
    expect(h.fake.messages.get(question.id).content).toContain(discordCopy.answered(picked.label));
    if (picked.value === 'breathless_or_chest_pain')
      expect(JSON.stringify(h.fake.messagesOf(submit))).toContain(
        'Call 911 (or your local emergency number) now',
      );
  });
});

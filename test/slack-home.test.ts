/**
 * The Home tab (issue 13, item 2) against the fake Slack: app_home_opened publishes a view with a
 * Start button, the emergency numbers of the user's region, what calfbot keeps and for how long,
 * and a "Forget me" button that deletes the user's conversations.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmKey } from '../adapters/slack/conversation-key.js';
import { HOME_ACTION } from '../adapters/slack/home-view.js';
import { isOpenQuestion, messagesIn, slackPerson, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { eventEnvelope, userTs } from './fakes/slack-payloads.js';
import { postEvent, postInteraction } from './fakes/slack-requests.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const USER = 'U0HOMEUSER';
const DM = 'D0HOMEDM01';
const { dm } = slackPerson(() => h, { channel: DM, user: USER });

async function openHome(tab = 'home'): Promise<void> {
  const event = { type: 'app_home_opened', user: USER, channel: DM, tab, event_ts: userTs() };
  expect((await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event))).status).toBe(200);
  await h.slack.idle();
}

type View = { blocks: Array<Record<string, unknown>> };
const home = (): View => h.fake.homeViews.get(USER) as View;
const homeText = () => textOf(home());

/** Click a button of the published Home view, as Slack sends it (container type "view"). */
async function clickHome(actionId: string): Promise<void> {
  const payload = {
    type: 'block_actions',
    user: { id: USER, team_id: h.fake.teamId },
    team: { id: h.fake.teamId, domain: 'fake' },
    api_app_id: 'A0CALFBOT',
    trigger_id: `trig.${userTs()}`,
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', type: 'home', blocks: home().blocks },
    actions: [{ type: 'button', action_id: actionId, block_id: actionId, action_ts: userTs() }],
  };
  expect((await postInteraction(h.eventsUrl, SIGNING_SECRET, payload)).status).toBe(200);
  await h.slack.idle();
}

describe('Slack Home tab', () => {
  it("shows how to start, the user's emergency number first, what is kept and for how long", async () => {
    h.fake.setLocale(USER, 'en-GB');
    await openHome();
    const published = h.fake.callsTo('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.body.user_id).toBe(USER);
    const text = homeText();
    expect(text).toMatch(/Where you are \(United Kingdom\): call 999/);
    expect(text).toMatch(/NHS 111/);
    expect(text).toMatch(/911/); // the others are listed too
    expect(text).toMatch(/for 24 hours after your last message/);
    expect(text).toMatch(/Never the text you type/);
    const ids = home()
      .blocks.flatMap((b) => (b.elements as Array<{ action_id?: string }> | undefined) ?? [])
      .map((e) => e.action_id)
      .filter(Boolean);
    expect(ids).toEqual([HOME_ACTION.start, HOME_ACTION.forget]);
  });

  it('publishes nothing for the Messages tab', async () => {
    await openHome('messages');
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
  });

  it('"Start a check" opens the DM and starts a check there', async () => {
    await openHome();
    await clickHome(HOME_ACTION.start);
    expect(h.fake.callsTo('conversations.open')[0]!.body.users).toBe(USER);
    const channel = String(h.fake.callsTo('chat.postMessage')[0]!.body.channel);
    const posted = messagesIn(h.fake.messages, channel);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0]!)).toMatch(/I help you think through sore/);
    expect(isOpenQuestion(posted[0]!)).toBe(true);
  });

  it('"Forget me" deletes the user\'s conversations and says so on the Home tab', async () => {
    await dm('why do my calves hurt');
    const key = dmKey(h.fake.teamId, DM);
    expect(await h.store.get(key)).not.toBeNull();
    await openHome();
    await clickHome(HOME_ACTION.forget);
    expect(await h.store.get(key)).toBeNull();
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
    expect(homeText()).toMatch(/deleted/i);
    // Nothing was posted into the DM for it.
    expect(messagesIn(h.fake.messages, DM)).toHaveLength(1);
  });
});

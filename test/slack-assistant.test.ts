/**
 * The assistant pane (issue 13, item 1), in HTTP mode against the fake Slack: suggested prompts
 * when a thread opens, a status while calfbot works, the title set to the advice level once
 * assessed, a greeting on the first message even when `assistant_thread_started` never came
 * (bolt-js #2802), one conversation per thread, and plain DMs untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../adapters/slack/action-ids.js';
import { slackCopy } from '../adapters/slack/copy.js';
import { isAssessment, isOpenQuestion, slackPerson, textOf } from './fakes/slack-drive.js';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from './fakes/slack-harness.js';
import { dmMessageEvent, eventEnvelope, userTs } from './fakes/slack-payloads.js';
import { postEvent } from './fakes/slack-requests.js';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const DM = 'D0PANE0001';
const USER = 'U0PANEUSER';
const { click } = slackPerson(() => h, { channel: DM, user: USER });

async function send(event: Record<string, unknown>): Promise<void> {
  const res = await postEvent(h.eventsUrl, SIGNING_SECRET, eventEnvelope(h.fake, event));
  expect(res.status).toBe(200);
  await h.slack.idle();
}

const threadStarted = (threadTs: string) => ({
  type: 'assistant_thread_started',
  assistant_thread: { user_id: USER, context: {}, channel_id: DM, thread_ts: threadTs },
  event_ts: userTs(),
});

const inThread = (threadTs: string, text: string) =>
  dmMessageEvent({ channel: DM, user: USER, text, thread_ts: threadTs });

const threadMessages = (threadTs: string) =>
  h.fake.messages.filter((m) => m.channel === DM && m.thread_ts === threadTs);

describe('Slack assistant pane', () => {
  it('offers the suggested prompts when a thread opens, and says nothing else', async () => {
    const thread = userTs();
    await send(threadStarted(thread));
    const calls = h.fake.callsTo('assistant.threads.setSuggestedPrompts');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ channel_id: DM, thread_ts: thread });
    expect((calls[0]!.body.prompts as Array<{ message: string }>).map((p) => p.message)).toEqual([
      'My calves cramp at night',
      'One calf is swollen',
      'Sore after a run',
    ]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('greets on the first message even without thread_started, shows a status, and titles the thread with the advice level', async () => {
    const thread = userTs();
    await send(inThread(thread, 'One calf is swollen'));
    // The status went up before the reply, in this thread.
    const order = h.fake.calls.map((c) => c.method);
    expect(order.indexOf('assistant.threads.setStatus')).toBeLessThan(order.indexOf('chat.postMessage'));
    expect(h.fake.callsTo('assistant.threads.setStatus')[0]!.body).toMatchObject({
      channel_id: DM,
      thread_ts: thread,
      status: slackCopy.working,
    });
    // One post, in the thread: the greeting and the safety check.
    const first = threadMessages(thread);
    expect(first).toHaveLength(1);
    expect(textOf(first[0]!)).toMatch(/I help you think through sore/);
    expect(isOpenQuestion(first[0]!)).toBe(true);

    // A red flag, clicked in the thread: the assessment comes in the thread and titles it.
    await click(first[0]!, ACTION.submit, { tick: ['breathless_or_chest_pain'] });
    const assessment = threadMessages(thread).find(isAssessment);
    expect(assessment).toBeDefined();
    // The click's turn showed the status too, in this thread.
    const statuses = h.fake.callsTo('assistant.threads.setStatus');
    expect(statuses).toHaveLength(2);
    expect(statuses[1]!.body).toMatchObject({ thread_ts: thread, status: slackCopy.working });
    const titles = h.fake.callsTo('assistant.threads.setTitle');
    expect(titles).toHaveLength(1);
    expect(titles[0]!.body).toMatchObject({
      channel_id: DM,
      thread_ts: thread,
      title: slackCopy.threadTitle.emergency,
    });
  });

  it('after thread_started, the first message greets once; a second thread is a new conversation', async () => {
    const one = userTs();
    await send(threadStarted(one));
    await send(inThread(one, 'My calves cramp at night'));
    await send(inThread(one, 'none of these'));
    const greetings = threadMessages(one).filter((m) => /I help you think through sore/.test(textOf(m)));
    expect(greetings).toHaveLength(1);

    const two = userTs();
    await send(inThread(two, 'Sore after a run'));
    expect(threadMessages(two)).toHaveLength(1);
    expect(textOf(threadMessages(two)[0]!)).toMatch(/I help you think through sore/);
  });

  it('a plain DM (no assistant pane) works as before, with no assistant calls', async () => {
    await send(dmMessageEvent({ channel: DM, user: USER, text: 'why do my calves hurt' }));
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.thread_ts).toBeUndefined();
    expect(h.fake.calls.filter((c) => c.method.startsWith('assistant.'))).toEqual([]);
  });
});

import type { WrittenFor } from '../understanding/someone-else.js';

/** Everything the bot says that is not clinical knowledge: greetings, nudges, errors. */
/** Whom "you" means: "him", "her", "your kid", or "the person with the sore calves". */
const meaning = (a: WrittenFor) =>
  a.pronoun !== 'them' ? a.pronoun : a.person === 'the person' ? 'the person with the sore calves' : a.person;

export const copy = {
  /** "does that matter?" after the answer, when nothing said changes it: the advice, again. */
  adviceStands: (headline: string) =>
    `Thanks for asking. From what you have told me, my advice stays the same: ${headline.charAt(0).toLowerCase()}${headline.slice(1)}. Please read the steps and the signs to watch for above. If something new happens, tell me, and I will look again.`,
  /** Before the numbers where the person now says they are, after an answer that gave others. */
  numbersChanged: 'Thanks, that changes the numbers.',
  /** The opening was written for someone else: say once whose answers are wanted. */
  askingFor: (a: WrittenFor) =>
    a.person === 'the person'
      ? `You are asking for someone else. Please answer for ${a.pronoun}. When I say "you", I mean ${meaning(a)}.`
      : `You are asking about ${a.person}. Please answer for ${a.pronoun}. When I say "you", I mean ${meaning(a)}.`,
  /** Before the assessment of someone else's calves. */
  resultFor: (a: WrittenFor) =>
    a.person === 'the person'
      ? `Here is what I think. Where it says "you", it means ${meaning(a)}.`
      : `Here is what I think about ${a.person}. Where it says "you", it means ${meaning(a)}.`,
  /** The first thing a new conversation hears: what calfbot does, and the emergency line first. */
  greeting:
    "Hi, I'm calfbot. I help you think through sore or cramping calves. If you are breathless, have chest pain, or your leg has gone cold and pale, call your local emergency number now. Otherwise I will check a few warning signs, ask some short questions, and explain what might be going on, with sources. I am not a doctor and cannot diagnose you.",
  help: [
    'Tell me what is going on with your calves in your own words, or answer my questions with the buttons.',
    'Commands: "restart" starts over, and "back" changes your last answer.',
    'Type "why" to hear why I ask, or "forget" to delete all I kept about you.',
    'After the assessment you can ask things like "what foods have magnesium?" or "tell me more about B12".',
    'I am not a doctor and I cannot diagnose. In an emergency, call your local emergency number.',
  ].join('\n'),
  checkInProgress:
    'You have a check in progress, so here is where we were. Answer with the buttons (or send your answer with /calves question); to begin again, press "Start over".',
  restarted: "OK, let's start over. Nothing from before is kept in this conversation.",
  /** "stop", "cancel", "bye" mid-check: the check ends; nothing more is asked. */
  stopped:
    'OK, I have stopped the check. I will not ask anything more. To start again, just tell me about your calves. Type "forget" to delete what I kept about you.',
  /** "what do you keep about me?", "who can see this chat?": what is kept, how long, and how to delete it. */
  privacy: [
    'What I keep: your answers as short codes (like "night cramps: yes"), not your words. I keep them only while this check needs them.',
    'They are deleted a set time after your last message (24 hours, unless the people who run me chose another time). Type "forget" to delete them now.',
    'I never write what you type into my logs. The chat itself is kept by the chat app under its own rules.',
  ].join('\n'),
  forgotten: (n: number) =>
    n > 0
      ? `Done. I deleted everything I kept about you (${n} chat${n === 1 ? '' : 's'}). Nothing else is kept.`
      : 'There was nothing stored about you, so there is nothing to delete.',
  tooLong: (max: number) =>
    `That message is too long for me (over ${max.toLocaleString('en-US')} characters), so I did not read or keep it. Could you say it more briefly?`,
  tooLongButUrgent:
    'That message is too long for me to keep, so I did not store it. But it mentions warning signs, so please read this now:',
  storeDown: "I can't reach my memory right now, please try again in a minute.",
  internalError: 'Sorry, something went wrong on my side. Please try again, or type "restart".',
  restartedAfterUpgrade: 'calfbot was updated, so we start a new chat. Sorry about that.',
  conversationGone:
    'That question belongs to a conversation that has ended or expired, so I could not use the answer. Say hi (or type /calves) to start again.',
  notYourCheck:
    'This check belongs to someone else, so I did not take your answer or change anything in it. To start your own, send me a direct message (more private) or mention me in a new message.',
  checkFinished:
    'That check is already finished, so I did not change anything. Type "restart" to start a new one, or ask me about any cause in it.',
  notAnOption:
    'That is not one of the options for this question, so I did not change anything. Please pick from the list.',
  emptyMessage: 'Tell me what is going on with your calves, or type "help".',
  newInformation: 'Thank you for telling me. That changes my advice:',
  unsureMulti:
    'That is OK. Pick the ones that might apply (if you are not sure about one, pick it and I will take it seriously), or say "none of these".',
  countedUnsure:
    'That is OK. I will count all of those as "not sure" and take them seriously. You can change an answer later with "go back".',
  noPending: "There's no question waiting for an answer right now.",
  staleAnswer:
    'That question is from an earlier point in our conversation, so I did not change anything. Please answer the latest question, or type "restart".',
  nothingToUndo: "There's nothing to go back to yet.",
  wentBack: 'OK, let us go back one step.',
  noQuestionToExplain: 'I am not asking you anything right now.',
  putAnotherWay: (why: string) =>
    `No problem, let me put it another way. ${why} Answer in your own words, or say "not sure". Here is the question again:`,
  answerAfterTheCheck:
    'I can answer that better once the check is done: ask me again then. Here is the question:',
  afterTheChecks:
    'Please ask me that again once we have checked a few warning signs. They come first. Here is the question:',
  /** An amount said during the warning signs: kept, and compared after the assessment. */
  amountAfterTheChecks:
    'I have noted the amount. I will come back to it once we have checked a few warning signs. They come first. Here is the question:',
  /** Before amounts said earlier in the check, against their limits, after the assessment. */
  heldAmounts: 'Earlier you told me an amount. Here is how it compares with the official upper limit:',
  doThisFirst: (headline: string) => `Please do this first: ${headline}. Do not wait to see if it settles.`,
  addedFromEarlier: (labels: string[], assessed: boolean) =>
    `Thank you. You said yes to this on an earlier question, so I have added it: ${labels.join('; ')}.${assessed ? ' My advice stays the same.' : ''}`,
  changedAnswer: 'Thanks, I have changed your last answer.',
  slipGoBack: 'To change your last answer, type "go back" and answer that question again.',
  keptWarningSign: (labels: string[]) =>
    `I have kept this, because it is a warning sign: ${labels.join('; ')}. If it was a mistake, type "go back" and answer that question again.`,
  alreadyUrgent: (headline: string) =>
    `From what you have told me so far: ${headline}. Please do not wait for the end of this check. The last questions tell me if you need help even sooner. Here is the question:`,
  becauseYouSaid: (labels: string[]) => `I said this because you told me: ${labels.join('; ')}.`,
  becauseNotSure: (labels: string[]) =>
    `You were not sure about: ${labels.join('; ')}. I take that seriously, because it can be a warning sign. If you know the answer now, type "go back" to change your last answers, or "restart" to do the check again.`,
  afterUrgentNudge:
    'If you have a question about what I said, ask me, or type "restart" to start a new check.',
  youAreWelcome: "You're welcome. Here is the question again:",
  backToTheCheck: 'Now, back to the check:',
  nudgeYesNo: 'Sorry, I did not catch that. Here is the question again: answer yes, no or not sure.',
  nudgeMulti:
    'Sorry, I did not catch that. Here is the question again: pick the ones that apply (by name or number), or say "none of these".',
  noted: (labels: string[]) => `Noted, so I will not ask again: ${labels.join(', and ')}.`,
  outOfRange: (max: number) =>
    `There ${max === 1 ? 'is only 1 option' : `are only ${max} options`} here. Pick the numbers that apply, or say "none of these".`,
  didYouMean: (options: string[]) =>
    `Did you mean ${options.join(' or ')}? Reply with the numbers that apply, or say "none of these".`,
  afterAssessmentNudge:
    'I can tell you more about any cause above (try "tell me more about iron" or "what foods have magnesium?"). You can ask about painkillers too. Or type "restart" to start a new check.',
  ratedLimited:
    "You're sending messages faster than I can read them carefully. Please slow down and try again in a minute.",
} as const;

/** What the Discord adapter itself says (everything clinical comes from the conversation core). */
export const discordCopy = {
  somethingWentWrong: 'Sorry, something went wrong on my side. Please try /calves again.',
  alreadyAnswered:
    'You already answered that question, so I counted it once. Carry on with the latest message.',
  alreadyHandled: 'I have answered that already (Discord sent it twice). Carry on with the latest message.',
  staleConversation:
    'That button is from an earlier conversation, so I did not change anything. Use the latest message, or type /calves to carry on.',
  noConversation:
    'That conversation has ended (it was deleted, or it expired), so I did not change anything. Type /calves to start a new one.',
  unknownComponent: 'That button no longer works. Type /calves to carry on.',
  unknownCommand: 'That command is not one of mine any more. Type /calves to talk to me.',
  questionIgnored:
    'I did only what you picked under "action" and did not read your question: send it on its own with /calves.',
  tokenExpired: 'That took me too long, sorry. Please try /calves again.',
  // Button, menu and modal labels.
  describe: 'Describe it in your own words',
  askFollowUp: 'Ask a follow-up question',
  selectPlaceholder: 'Choose all that apply',
  checklist: 'Tick them in a list',
  checklistTitle: 'Tick all that apply',
  checklistLabel: (part: number, of: number) =>
    of > 1 ? `Tick all that apply (${part} of ${of})` : 'Tick all that apply',
  describeTitle: 'Describe it in your own words',
  describeLabel: 'What is going on with your calves?',
  describeDescription: 'Plain words are fine, e.g. "no swelling, but I take a statin".',
  followUpTitle: 'Ask a follow-up question',
  followUpLabel: 'Your question',
  followUpDescription: 'For example: what foods have magnesium?',
  // Notes added to a message whose buttons are spent.
  answered: (what: string) => `**Your answer:** ${what}`,
  addedLate: (what: string) => `**Added to your check:** ${what}`,
  wrote: (what: string) => `**You wrote:** ${what}`,
  choseRestart: '**You chose to start over.**',
  noLongerActive: '*This question is no longer active.*',
} as const;

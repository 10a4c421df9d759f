/** What the Slack adapter says on its own (the conversation's words come from the core). */
export const slackCopy = {
  dmNudge: 'Tip: a direct message to me is more private than a channel thread.',
  staleQuestion:
    'That question is no longer open (it was answered, or the conversation moved on), so I did not change anything.',
  expired:
    'That conversation has finished or expired, so I can no longer take answers to it. Send me a message or type /calves to start again.',
  noLongerOpen: 'No longer open',
  startedOver: 'You chose to start over.',
  answeredInWords: 'Answered in your message below.',
  answered: (label: string) => `You answered: ${label}`,
  addedLate: (label: string) => `Added to your check: ${label}`,
  submit: 'Submit',
  tickAll: 'Tick all that apply, then press Submit.',
  startOverConfirm: {
    title: 'Start over?',
    text: 'Your answers so far in this conversation will be cleared.',
    confirm: 'Start over',
    deny: 'Keep going',
  },
  causesTitle: 'What might be going on (most likely first)',
  basedOn: 'Based on',
  evidence: 'A word on the evidence',
  watchFor: 'Watch for',
  forDoctor: 'For your doctor',
  sources: 'Sources',
  assessmentTitle: 'Your calf check',
  /** The assistant pane: what it offers when a thread opens (the manifest lists the same). */
  suggestedPromptsTitle: 'Tell me what is going on with your calves, or start with one of these:',
  suggestedPrompts: ['My calves cramp at night', 'One calf is swollen', 'Sore after a run'],
  /** Shown as "calfbot is thinking…" while a turn runs. */
  working: 'is thinking…',
  /** The assistant thread's title once assessed, by advice level. */
  threadTitle: {
    emergency: 'Calf check: emergency, call now',
    urgent: 'Calf check: get seen today',
    see_doctor: 'Calf check: see a doctor',
    self_care: 'Calf check: self-care',
  },
} as const;

/** Discord's hard limits for what we send (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  customId: 100,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  /** Sum of title, description, field names and values and footer across all embeds of one message. */
  embedTotal: 6000,
  modalTitle: 45,
  labelText: 45,
  labelDescription: 100,
  textInputMax: 4000,
  /** Checkbox groups in a modal: 10 options each, and a modal holds 5 labelled components. */
  checkboxOptions: 10,
  modalComponents: 5,
} as const;

/** Interaction tokens are valid for 15 minutes after the interaction was created. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;
/** Discord wants the first response within 3 seconds; we answer or defer well before that. */
export const ACK_BUDGET_MS_DEFAULT = 2_000;

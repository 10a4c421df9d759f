/**
 * One turn started by an interaction, through the shared turn runner: the plan of messages is
 * worked out from the TurnOutcome, and delivered within Discord's acknowledgement deadline.
 */
import type { TurnOutcome } from '../../../src/turn-outcome.js';
import type { UserEvent } from '../../../src/vocabulary.js';
import { runTurn } from '../../shared/run-turn.js';
import { epochOf } from '../custom-id.js';
import type { RenderContext } from '../render.js';
import type { HandlerDeps, InteractionWhere } from './deps.js';
import { reportFailure } from './report-failure.js';
import { type InteractionPlan, type RespondableInteraction, respond } from './respond.js';

export async function interactionTurn(
  i: RespondableInteraction,
  deps: HandlerDeps,
  where: InteractionWhere,
  turn: { event: UserEvent; eventId: string },
  plan: (outcome: TurnOutcome) => InteractionPlan,
): Promise<void> {
  await runTurn(
    deps,
    {
      platform: 'discord',
      surface: where.surface,
      key: where.key,
      event: turn.event,
      meta: { eventId: turn.eventId, user: where.user, ...(where.region && { region: where.region }) },
    },
    {
      // Discord needs an answer to every interaction, a duplicate or a repeated refusal too.
      render: plan,
      post: (ready) =>
        respond(
          i,
          ready.then((p) => p ?? { messages: [] }),
          { ackBudgetMs: deps.ackBudgetMs, flags: where.flags },
        ),
      apologise: (error) => reportFailure(i, error, deps.logger),
    },
  );
}

/** How to render this outcome's replies: the conversation's epoch goes on the buttons. */
export const renderContext = (outcome: TurnOutcome, where: InteractionWhere): RenderContext => ({
  epoch: outcome.conversation ? epochOf(outcome.conversation.startedAt) : '0',
  surface: where.surface,
});

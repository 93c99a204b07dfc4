import { v7 as uuidv7 } from 'uuid';
import { BUILT_IN_SCORECARD } from '../../../shared/domain/scorecardDefaults';
import { actorOf, type HandlerMap } from '../handler';
import { activeScorecard, highestScorecardVersion, publishedScorecards } from '../store/scorecards';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/**
 * QA scorecards: items and weights are settings versioned like scripts, so a review keeps the version it
 * was scored on. The items' rules (points add up to 100, fatal items carry none) are the contract's schema,
 * so a wrong scorecard is refused beside its fields before anything runs here.
 */
export const scorecardHandlers: HandlerMap<'scorecards.active' | 'scorecards.versions' | 'scorecards.publish'> = {
  'scorecards.active': ({ ctx }) => activeScorecard(ctx.db),

  'scorecards.versions': ({ ctx }) => [...publishedScorecards(ctx.db), BUILT_IN_SCORECARD],

  'scorecards.publish': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    return writeTx(ctx, () => {
      // The built-in scorecard is version 1, so the first published version is 2.
      const version = Math.max(highestScorecardVersion(ctx.db) ?? 0, BUILT_IN_SCORECARD.version) + 1;
      return runSyncMutation(ctx, 'scorecard.publish', { id: uuidv7(), version, name: params.name, items: params.items, note: params.note, at }, actor);
    });
  },
};

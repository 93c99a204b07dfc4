import { actorOf, type HandlerMap } from '../handler';
import { boardSummary } from '../store/board';

export const boardHandlers: HandlerMap<'board.summary'> = {
  'board.summary': ({ ctx, session }) => boardSummary(ctx.db, actorOf(session), ctx.now()),
};

import type { HandlerMap } from '../handler';
import { boardTrends } from '../store/trends';

export const trendsHandlers: HandlerMap<'board.trends'> = {
  'board.trends': ({ ctx, params }) => {
    const now = ctx.now();
    return { span: params.span, asOf: now.toISOString(), points: boardTrends(ctx.db, params.span, now) };
  },
};

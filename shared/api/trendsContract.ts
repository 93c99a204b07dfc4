import { z } from 'zod';
import { SUPERVISOR_ROLES } from '../domain/roles';
import { def } from './methodDef';
import type * as T from './trendsTypes';

export const TREND_SPANS = ['30d', '12m'] as const;

/** Trends on the team-lead board (docs/reports.md, "Trends on the board"): counts only, like board.summary. */
export const TRENDS_API = {
  'board.trends': def<T.BoardTrends>()(z.strictObject({ span: z.enum(TREND_SPANS) }), SUPERVISOR_ROLES),
};

import type { TrendPoint } from '../../../../shared/api/trendsTypes';
import type { CallbackResult, Severity } from '../../../../shared/domain/complaint';
import { navigateWith } from '../../components/router';
import { openTrackingWith } from '../tracking/preset';

/**
 * What a chart element stands for, named by its series id: the list it opens holds exactly the
 * records the point counts (the core counts with these lists' conditions, store/trends.ts).
 */
export type TrendSeries = 'rated' | `callback:${CallbackResult}` | `severity:${Severity}` | 'replyDue:met' | 'replyDue:missed';

export function drill(series: TrendSeries, p: TrendPoint): void {
  const [kind, value] = series.split(':') as [string, string | undefined];
  switch (kind) {
    case 'rated':
      navigateWith('records', { from: p.from, to: p.to, rated: true });
      return;
    case 'callback':
      navigateWith('callbacks', { scope: 'all', status: 'done', doneFrom: p.from, doneTo: p.to, satisfaction: value });
      return;
    case 'severity':
      openTrackingWith({ from: p.from, to: p.to, severity: [value as Severity], sort: 'receivedAt', dir: 'asc' });
      return;
    case 'replyDue':
      openTrackingWith({ replyDueFrom: p.from, replyDueTo: p.to, replyDue: value as 'met' | 'missed', sort: 'receivedAt', dir: 'asc' });
      return;
  }
}

/** The number a series shows at a point: what its list's total will be. */
export function countOf(series: TrendSeries, p: TrendPoint): number {
  const [kind, value] = series.split(':') as [string, string];
  if (kind === 'rated') return p.rated.calls;
  if (kind === 'callback') return p.callbacks[value as CallbackResult];
  if (kind === 'severity') return p.complaints[value as Severity];
  return p.replyDue[value as 'met' | 'missed'];
}

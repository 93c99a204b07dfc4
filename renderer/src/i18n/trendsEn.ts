import type { TrendsMessages } from './trendsZh';

/** English strings of the board's trends; same keys as trendsZh.ts (checked by the type). */
export const trendsEn: TrendsMessages = {
  title: 'Trends',
  span: { '30d': '30 days', '12m': '12 months' },
  hint: 'Click a point or bar to open the records it counts',
  satisfaction: {
    title: 'Satisfaction',
    average: 'Call score (average)',
    ratedCalls: 'Calls with a score',
    callbacks: 'Callbacks',
    axisScore: 'Average',
    axisCallbacks: 'Callbacks',
  },
  complaints: { title: 'Complaints by severity' },
  replyDue: { title: 'Reply deadlines met', met: 'Met', missed: 'Missed (late or not yet)', rate: 'Rate met' },
  tags: {
    doneBetween: 'Done {{range}}',
    satisfaction: 'Result: {{result}}',
    replyDue: 'Reply agreed by {{range}}',
    met: 'met',
    missed: 'missed',
  },
};

import type { jobsZh } from './jobsZh';

/** English strings of long jobs; same keys as jobsZh.ts. */
export const jobsEn: typeof jobsZh = {
  count: '{{done}} / {{total}} rows ({{percent}}%)',
  selecting: 'Selecting the rows ({{percent}}%)',
  cancel: 'Cancel',
  kind: {
    tracking_export: 'Exporting the tracking sheet',
  },
  cancelled: 'Export cancelled',
  failed: 'Export failed: {{reason}}',
  downloadFailed: 'The exported file could not be fetched; export again',
};

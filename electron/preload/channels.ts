/**
 * IPC channel names as the preload sees them. Mirror of electron/main/channels.ts (the import rules
 * keep the two folders apart); test/electron/channels.test.ts fails if they drift.
 */
export const CHANNELS = {
  invoke: 'hotline:invoke',
  event: 'hotline:event',
  listening: 'hotline:listening',
} as const;

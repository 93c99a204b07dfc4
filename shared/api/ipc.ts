/**
 * IPC channel names, named once (Mattermost's `communication.ts` pattern) and imported by both
 * electron/main and electron/preload.
 */
export const CHANNELS = {
  /** renderer → main, `ipcRenderer.invoke(invoke, method, params)` → Envelope. */
  invoke: 'hotline:invoke',
  /** main → renderer, `send(event, name, payload)`. */
  event: 'hotline:event',
  /**
   * renderer → main, fire-and-forget: the page now listens for an event. Lets main hold a screen pop
   * that arrived before the UI subscribed (a softphone can launch the app as the call rings).
   */
  listening: 'hotline:listening',
} as const;

/** Longest API method name main forwards to the core; anything longer is not one of ours. */
export const MAX_METHOD_LENGTH = 64;

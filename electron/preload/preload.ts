/**
 * The whole surface the page gets: window.hotline = { invoke, on }. No ipcRenderer, no Node, no
 * generic send: a compromised page can call API methods (which the core authorises per role) and
 * listen to known events, nothing more. Bundled as one CJS file because sandboxed preloads cannot
 * require our modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, type EventName, type Events, type HotlineBridge } from '../../shared/api/events';
import { CHANNELS } from '../../shared/api/ipc';

const known = new Set<string>(EVENT_NAMES);
const subscribers = new Map<EventName, Set<(payload: never) => void>>();

function isKnown(name: unknown): name is EventName {
  return typeof name === 'string' && known.has(name);
}

// One IPC listener for all events; the page's callbacks never see the IpcRendererEvent (it carries
// `sender`, an ipcRenderer handle).
ipcRenderer.on(CHANNELS.event, (_event, name: unknown, payload: unknown) => {
  if (!isKnown(name)) return;
  for (const cb of subscribers.get(name) ?? []) {
    try {
      (cb as (p: unknown) => void)(payload);
    } catch (err) {
      // One failing subscriber must not stop the others (the screen pop among them).
      console.error(err);
    }
  }
});

const bridge = {
  invoke(method: string, params: unknown): Promise<unknown> {
    return ipcRenderer.invoke(CHANNELS.invoke, method, params);
  },
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
    if (!isKnown(event) || typeof cb !== 'function') return () => {};
    let set = subscribers.get(event);
    if (!set) {
      set = new Set();
      subscribers.set(event, set);
      // Main holds a screen pop until the page listens for it; tell it we now do.
      ipcRenderer.send(CHANNELS.listening, event);
    }
    // Wrapped so the same callback subscribed twice gets two independent unsubscribes.
    const entry = (payload: never) => cb(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
} satisfies HotlineBridge;

contextBridge.exposeInMainWorld('hotline', bridge);

import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { checkBounds } from '../../shared/api/bounds';
import type { Envelope } from '../../shared/api/envelope';
import { EVENT_NAMES, type EventName } from '../../shared/api/events';
import type { Core } from '../core';
import { CHANNELS, MAX_METHOD_LENGTH } from '../../shared/api/ipc';
import type { EventRelay } from './event-relay';
import type { SessionTokens } from './session-tokens';

/** The parts of an IPC event main relies on; a narrow type keeps the handlers testable. */
export type IpcSenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface IpcDeps {
  core: Pick<Core, 'invoke'>;
  tokens: SessionTokens;
  relay: EventRelay;
  /** True only for our own window's top frame showing the app page. */
  isTrustedSender(event: IpcSenderEvent): boolean;
  logError?(message: string, err: unknown): void;
}

// Dotted lower-camel names (`calls.save`); the core still rejects unknown ones with unknown_method.
const METHOD_SHAPE = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;

export function isMethodName(method: unknown): method is string {
  return typeof method === 'string' && method.length <= MAX_METHOD_LENGTH && METHOD_SHAPE.test(method);
}

const KNOWN_EVENTS = new Set<string>(EVENT_NAMES);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && KNOWN_EVENTS.has(name);
}

function failure(code: 'forbidden' | 'unknown_method' | 'internal' | 'too_deep' | 'payload_too_large', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/**
 * `hotline:invoke` → core. Errors are data across the bridge (docs/architecture.md, "One contract, one dispatcher"): this never throws,
 * because a rejected ipcRenderer.invoke reaches the page as an opaque Error with a main-process stack.
 */
export function createInvokeHandler(deps: IpcDeps) {
  return async (event: IpcSenderEvent, method: unknown, params: unknown): Promise<Envelope<unknown>> => {
    if (!deps.isTrustedSender(event)) return failure('forbidden', 'IPC sender is not the app window');
    if (!isMethodName(method)) return failure('unknown_method', 'method must be a short dotted name');
    // Measured here, before the params are copied once more to the core's process: a page cannot make
    // main serialise 6 MB or a 20,000-deep object on its behalf (the same budget as the browser host's).
    const bounds = checkBounds(params);
    if (bounds) return failure(bounds.code, bounds.message);
    const id = event.sender.id;
    try {
      const outcome = await deps.core.invoke(deps.tokens.get(id), method, params);
      deps.tokens.apply(id, outcome.token);
      return outcome.envelope;
    } catch (err) {
      deps.logError?.(`core.invoke(${method}) threw`, err);
      return failure('internal', 'internal error');
    }
  };
}

export function createListeningHandler(deps: Pick<IpcDeps, 'relay' | 'isTrustedSender'>) {
  return (event: IpcSenderEvent, name: unknown): void => {
    if (!deps.isTrustedSender(event) || !isEventName(name)) return;
    deps.relay.markListening(event.sender.id, name);
  };
}

/** Registers both channels; returns a function that removes them (tests, and a clean quit). */
export function registerIpc(ipcMain: IpcMain, deps: IpcDeps): () => void {
  const listening = createListeningHandler(deps);
  const onListening = (event: IpcMainEvent, name: unknown) => listening(event, name);
  ipcMain.handle(CHANNELS.invoke, createInvokeHandler(deps));
  ipcMain.on(CHANNELS.listening, onListening);
  return () => {
    ipcMain.removeHandler(CHANNELS.invoke);
    ipcMain.removeListener(CHANNELS.listening, onListening);
  };
}

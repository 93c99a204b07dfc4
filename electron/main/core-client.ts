/**
 * The main-process side of the core relay: a ShellCore whose work happens in a utility process.
 * Main keeps only bookkeeping here (request ids, event listeners, restarts); the process is created
 * by an injected `fork`, so tests drive this with an in-process stand-in.
 *
 * Crashes: when the process dies after it opened the store, the calls in flight fail (main answers
 * them with `internal`; they are not retried, because a save may already be committed) and a new
 * process opens the same store. Calls made while it opens wait for it. Session tokens live in main
 * and sessions in the store, so nobody is logged out. More than MAX_RESTARTS crashes within
 * RESTART_WINDOW_MS means something is persistently wrong (a corrupt store, a native crash): then
 * `onFatal` tells the user and the app quits instead of restarting forever.
 */
import type { EventName } from '../../shared/api/events';
import type { InvokeOutcome } from '../core';
import type { CoreOpenOptions, FromCore, ToCore } from './core-protocol';

/** The part of Electron's UtilityProcess used here. */
export interface CoreChild {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;
/** How long quitting waits for the core to close the store before it goes on without it. */
export const CLOSE_TIMEOUT_MS = 3_000;

export interface CoreClientOptions {
  fork(): CoreChild;
  options: CoreOpenOptions;
  /** The process keeps crashing, or a restart could not open the store: tell the user, quit. */
  onFatal(message: string): void;
  log?(message: string): void;
  now?(): number;
}

interface Pending {
  resolve(outcome: InvokeOutcome): void;
  reject(err: Error): void;
}

type Listener = (name: EventName, payload: unknown) => void;

export class CoreProcessClient {
  readonly #opts: CoreClientOptions;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<Listener>();
  readonly #crashes: number[] = [];
  #child: CoreChild | null = null;
  #ready: Promise<void> = Promise.resolve();
  #isReady = false;
  #closing: Promise<void> | null = null;
  #exited: () => void = () => {};
  #nextId = 1;

  constructor(opts: CoreClientOptions) {
    this.#opts = opts;
  }

  /** Forks a process and opens the store in it; rejects with the core's reason when it cannot. */
  start(): Promise<void> {
    const child = this.#opts.fork();
    this.#child = child;
    this.#isReady = false;
    this.#ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message) => this.#onMessage(child, message as FromCore, resolve, reject));
      child.on('exit', (code) => this.#onExit(child, code, reject));
    });
    // Callers that only queue behind #ready must not see an unhandled rejection; start()'s caller does.
    this.#ready.catch(() => {});
    child.postMessage({ type: 'open', options: this.#opts.options });
    return this.#ready;
  }

  async invoke(token: string | null, method: string, params: unknown): Promise<InvokeOutcome> {
    if (this.#closing) throw new Error('the core is closing');
    await this.#ready;
    const child = this.#child;
    if (!child) throw new Error('the core process is not running');
    const id = this.#nextId++;
    return new Promise<InvokeOutcome>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      child.postMessage({ type: 'invoke', id, token, method, params });
    });
  }

  onEvent(cb: Listener): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  incomingCall(phone: string): void {
    const send = () => this.#child?.postMessage({ type: 'incoming', phone });
    // During a restart the pop waits for the new process instead of being lost.
    if (this.#isReady) send();
    else void this.#ready.then(send, () => {});
  }

  /** Asks the process to close the store and exit; resolves when it has (or after CLOSE_TIMEOUT_MS). */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    const child = this.#child;
    if (!child) {
      this.#closing = Promise.resolve();
      return this.#closing;
    }
    this.#closing = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, CLOSE_TIMEOUT_MS);
      this.#exited = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    child.postMessage({ type: 'close' });
    return this.#closing;
  }

  #onMessage(child: CoreChild, msg: FromCore, resolve: () => void, reject: (err: Error) => void): void {
    if (child !== this.#child) return;
    switch (msg.type) {
      case 'opened':
        this.#isReady = true;
        resolve();
        return;
      case 'open-failed':
        this.#child = null;
        child.kill();
        reject(new Error(msg.message));
        return;
      case 'store-progress':
        this.#opts.log?.(`store: ${msg.message}`);
        return;
      case 'result':
        this.#settle(msg.id)?.resolve(msg.outcome);
        return;
      case 'failed':
        this.#settle(msg.id)?.reject(new Error(msg.message));
        return;
      case 'event':
        for (const listener of this.#listeners) listener(msg.name, msg.payload);
        return;
    }
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    return pending;
  }

  #onExit(child: CoreChild, code: number, reject: (err: Error) => void): void {
    if (child !== this.#child) return;
    this.#child = null;
    const wasReady = this.#isReady;
    this.#isReady = false;
    const lost = new Error(`the core process exited (code ${code})`);
    for (const pending of this.#pending.values()) pending.reject(lost);
    this.#pending.clear();
    if (this.#closing) {
      this.#exited();
      return;
    }
    if (!wasReady) {
      reject(new Error(`the core process exited (code ${code}) before the store was open`));
      return;
    }
    const now = this.#opts.now?.() ?? Date.now();
    this.#crashes.push(now);
    while (this.#crashes.length > 0 && now - this.#crashes[0]! > RESTART_WINDOW_MS) this.#crashes.shift();
    if (this.#crashes.length > MAX_RESTARTS) {
      this.#ready = Promise.reject(lost);
      this.#ready.catch(() => {});
      this.#opts.onFatal(`${lost.message}; it stopped ${this.#crashes.length} times within a minute`);
      return;
    }
    this.#opts.log?.(`${lost.message}; restarting it`);
    this.start().catch((err: unknown) => this.#opts.onFatal(err instanceof Error ? err.message : String(err)));
  }
}

/**
 * The utility-process side of the core relay: opens the core on request and answers main's messages
 * over `process.parentPort`. No Electron import, so tests can run it in-process or under plain Node.
 */
import type { Core, CoreOptions } from '../core';
import type { FromCore, ToCore } from './core-protocol';

/** The part of Electron's ParentPort used here: messages arrive wrapped in a MessageEvent. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: FromCore): void;
}

type HostedCore = Pick<Core, 'invoke' | 'onEvent' | 'incomingCall' | 'close'>;

export interface ServeOptions {
  /** Ends the process once the core is closed; injected for in-process tests. */
  exit?(code: number): void;
  logError?(message: string, err: unknown): void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function serveCore(
  port: ParentPortLike,
  openCore: (opts: CoreOptions) => HostedCore,
  { exit = (code) => process.exit(code), logError = (m, err) => console.error(`[hotline core] ${m}`, err) }: ServeOptions = {},
): void {
  let core: HostedCore | null = null;
  const post = (message: FromCore) => port.postMessage(message);

  port.on('message', ({ data }) => {
    const msg = data as ToCore;
    switch (msg.type) {
      case 'open': {
        if (core) return;
        try {
          core = openCore({ ...msg.options, onStoreProgress: (message) => post({ type: 'store-progress', message }) });
        } catch (err) {
          // Main shows this text in its error dialog (e.g. a NODE_MODULE_VERSION mismatch).
          post({ type: 'open-failed', message: messageOf(err) });
          return;
        }
        core.onEvent((name, payload) => post({ type: 'event', name, payload }));
        post({ type: 'opened' });
        return;
      }
      case 'invoke': {
        const { id } = msg;
        if (!core) {
          post({ type: 'failed', id, message: 'the core is not open' });
          return;
        }
        core.invoke(msg.token, msg.method, msg.params).then(
          (outcome) => post({ type: 'result', id, outcome }),
          (err: unknown) => {
            // The stack stays here; main only learns that the call failed and answers `internal`.
            logError(`core.invoke(${msg.method}) threw`, err);
            post({ type: 'failed', id, message: messageOf(err) });
          },
        );
        return;
      }
      case 'incoming':
        core?.incomingCall(msg.phone);
        return;
      case 'close':
        core?.close();
        core = null;
        exit(0);
        return;
    }
  });
}

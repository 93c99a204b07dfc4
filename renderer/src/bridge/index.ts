import type { HotlineBridge } from '../../../shared/api/events';
import { createHttpBridge } from './http';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    hotline?: HotlineBridge;
  }
}

let bridge: HotlineBridge | null = null;

/** The preload's bridge when running in Electron, the HTTP shim otherwise. Chosen once. */
export function getBridge(): HotlineBridge {
  if (!bridge) bridge = window.hotline ?? createHttpBridge();
  return bridge;
}

/** Tests swap the transport; the app never calls this. */
export function setBridgeForTests(b: HotlineBridge | null): void {
  bridge = b;
}

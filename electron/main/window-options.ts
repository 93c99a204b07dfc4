import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** DevTools only in development builds; a packaged console gives agents no script console. */
  devTools: boolean;
}

export const WINDOW_TITLE = '客服热线工作台';

/**
 * The one renderer window. Every webPreference that widens what page script can reach is spelled
 * out, so a changed Electron default cannot loosen it silently.
 */
export function mainWindowOptions({ preloadPath, devTools }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    // Shown on ready-to-show, so agents never see a white flash or a half-drawn form.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { CHANNELS as MAIN } from '../../electron/main/channels';
import { ELECTRON_NATIVE_BINDING as MAIN_BINDING } from '../../electron/main/native-binding';
import { CHANNELS as PRELOAD } from '../../electron/preload/channels';
import { ELECTRON_NATIVE_BINDING as SCRIPT_BINDING } from '../../scripts/electron-native.mjs';

// Names that exist twice because folder rules keep the two sides from importing each other.
describe('shared names', () => {
  it('main and preload use the same IPC channels', () => {
    expect(PRELOAD).toEqual(MAIN);
  });

  it('the app looks for the native binding where electron-native.mjs builds it', () => {
    expect(MAIN_BINDING).toBe(SCRIPT_BINDING);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface FuseConfig {
  version: string;
  resetAdHocDarwinSignature?: boolean;
  [index: number]: boolean;
}
type Flip = (target: string, config: FuseConfig) => Promise<number>;
type AfterPack = (context: unknown, fuses?: unknown) => Promise<{ target: string; config: FuseConfig }>;
const afterPack = require('../../build/afterPack.cjs') as AfterPack;
const real = require('@electron/fuses') as { FuseV1Options: Record<string, number>; FuseVersion: { V1: string } };

/** The real option indices and version from @electron/fuses, with a fake flipFuses that records its call. */
function fakeFuses() {
  const calls: [string, FuseConfig][] = [];
  const flipFuses: Flip = async (target, config) => {
    calls.push([target, config]);
    return 0;
  };
  return { calls, fuses: { FuseV1Options: real.FuseV1Options, FuseVersion: real.FuseVersion, flipFuses } };
}

const context = (platform: string) => ({
  appOutDir: '/build/release/out',
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'Hotline Desk' }, executableName: platform === 'win32' ? 'HotlineDesk' : 'hotline-desk' },
});

describe('build/afterPack.cjs flips Electron fuses in the packed binary', () => {
  it('is electron-builder’s afterPack hook', () => {
    expect(readFileSync(new URL('../../build/electron-builder.yml', import.meta.url), 'utf8')).toMatch(/^afterPack: build\/afterPack\.cjs$/m);
  });

  it('turns run-as-node, NODE_OPTIONS and --inspect off; cookie encryption, asar integrity and asar-only on', async () => {
    const { calls, fuses } = fakeFuses();
    await afterPack(context('win32'), fuses);
    expect(calls).toHaveLength(1);
    const [target, config] = calls[0]!;
    expect(target).toBe('/build/release/out/HotlineDesk.exe');
    const o = real.FuseV1Options;
    expect(config.version).toBe(real.FuseVersion.V1);
    expect(config[o.RunAsNode!]).toBe(false);
    expect(config[o.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(config[o.EnableNodeCliInspectArguments!]).toBe(false);
    expect(config[o.EnableCookieEncryption!]).toBe(true);
    expect(config[o.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(config[o.OnlyLoadAppFromAsar!]).toBe(true);
    // The app is loaded from file://, which needs the file protocol's usual privileges.
    expect(config[o.GrantFileProtocolExtraPrivileges!]).toBeUndefined();
    expect(config.resetAdHocDarwinSignature).toBeUndefined();
  });

  it('finds the executable on Linux and the .app bundle on macOS (ad-hoc signature reset there)', async () => {
    const { calls, fuses } = fakeFuses();
    await afterPack(context('linux'), fuses);
    await afterPack(context('darwin'), fuses);
    expect(calls.map(([t]) => t)).toEqual(['/build/release/out/hotline-desk', '/build/release/out/Hotline Desk.app']);
    expect(calls[1]![1].resetAdHocDarwinSignature).toBe(true);
  });

  it('fails the build when a fuse is unknown to the installed @electron/fuses, rather than shipping without it', async () => {
    const { fuses } = fakeFuses();
    const { RunAsNode: _gone, ...rest } = real.FuseV1Options;
    await expect(afterPack(context('linux'), { ...fuses, FuseV1Options: rest })).rejects.toThrow(/RunAsNode/);
  });
});

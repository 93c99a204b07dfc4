import { describe, expect, it } from 'vitest';
import {
  cleanBuildEnv,
  ELECTRON_HEADERS_URL,
  electronBinaryPresent,
  type PlanInput,
  planElectronNative,
} from '../../scripts/electron-native.mjs';

const STAMP = { electron: '40.10.2', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    electronVersion: '40.10.2',
    betterSqliteVersion: '12.11.1',
    stamp: null,
    bindingExists: false,
    binaryPresent: true,
    force: false,
    platform: 'linux',
    arch: 'x64',
    nativeDir: '/p/.electron-native/better-sqlite3',
    execPath: '/usr/bin/node',
    prebuildInstallBin: '/p/node_modules/prebuild-install/bin.js',
    nodeGypBin: '/p/node_modules/node-gyp/bin/node-gyp.js',
    devDir: '/home/dev/.electron-gyp',
    ...over,
  };
}

describe('planElectronNative', () => {
  it('is a no-op when the stamp matches and the binding exists', () => {
    expect(planElectronNative(input({ stamp: STAMP, bindingExists: true }))).toEqual({ action: 'up-to-date' });
  });

  it('stays a no-op without the Electron binary once built', () => {
    expect(planElectronNative(input({ stamp: STAMP, bindingExists: true, binaryPresent: false }))).toEqual({
      action: 'up-to-date',
    });
  });

  it.each([
    ['Electron upgraded', { ...STAMP, electron: '39.0.0' }],
    ['better-sqlite3 upgraded', { ...STAMP, betterSqlite3: '12.0.0' }],
    ['another arch', { ...STAMP, arch: 'arm64' }],
    ['another platform (copied checkout)', { ...STAMP, platform: 'win32' }],
    ['a corrupt stamp', 'not json'],
    ['no stamp', null],
  ])('rebuilds after %s', (_why, stamp) => {
    expect(planElectronNative(input({ stamp, bindingExists: true })).action).toBe('build');
  });

  it('rebuilds when the binding was deleted though the stamp matches', () => {
    expect(planElectronNative(input({ stamp: STAMP, bindingExists: false })).action).toBe('build');
  });

  it('skips without failing when the Electron binary was not downloaded', () => {
    const plan = planElectronNative(input({ binaryPresent: false }));
    expect(plan).toMatchObject({ action: 'skip' });
    expect(plan.action === 'skip' && plan.reason).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });

  it('builds without the binary when forced', () => {
    expect(planElectronNative(input({ binaryPresent: false, force: true })).action).toBe('build');
  });

  it('skips when electron or better-sqlite3 is not installed (production install)', () => {
    expect(planElectronNative(input({ electronVersion: null })).action).toBe('skip');
    expect(planElectronNative(input({ betterSqliteVersion: null })).action).toBe('skip');
  });

  it('tries a prebuilt binary first, then compiles against the Electron headers, in the copy', () => {
    const plan = planElectronNative(input());
    if (plan.action !== 'build') throw new Error('expected a build');
    expect(plan.stamp).toEqual(STAMP);
    const [prebuilt, compile] = plan.attempts;
    expect(prebuilt).toMatchObject({
      command: '/usr/bin/node',
      cwd: '/p/.electron-native/better-sqlite3',
      args: ['/p/node_modules/prebuild-install/bin.js', '--runtime=electron', '--target=40.10.2', '--arch=x64'],
    });
    expect(compile?.cwd).toBe('/p/.electron-native/better-sqlite3');
    expect(compile?.args).toEqual([
      '/p/node_modules/node-gyp/bin/node-gyp.js',
      'rebuild',
      '--release',
      '--target=40.10.2',
      '--arch=x64',
      `--dist-url=${ELECTRON_HEADERS_URL}`,
      '--devdir=/home/dev/.electron-gyp',
    ]);
    expect(plan.attempts).toHaveLength(2);
  });
});

describe('electronBinaryPresent', () => {
  const files = (present: Record<string, string>) => ({
    exists: (p: string) => p in present,
    readText: (p: string) => present[p] ?? '',
  });

  it('is false when the download was skipped (no path.txt)', () => {
    expect(electronBinaryPresent({ electronDir: '/e', ...files({}) })).toBe(false);
  });

  it('is true when path.txt names an existing executable', () => {
    expect(electronBinaryPresent({ electronDir: '/e', ...files({ '/e/path.txt': 'electron', '/e/dist/electron': '' }) })).toBe(
      true,
    );
  });

  it('is false when path.txt points at a missing executable', () => {
    expect(electronBinaryPresent({ electronDir: '/e', ...files({ '/e/path.txt': 'electron' }) })).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const fs = files({ '/e/path.txt': 'electron', '/opt/electron/electron': '' });
    expect(electronBinaryPresent({ electronDir: '/e', overrideDistPath: '/opt/electron', ...fs })).toBe(true);
  });
});

describe('cleanBuildEnv', () => {
  it('drops npm settings that would retarget node-gyp at Node headers, keeps the rest', () => {
    const env = cleanBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      'npm_config_dist-url': 'https://nodejs.org',
      npm_config_cache: '/home/dev/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/home/dev/.npm' });
  });
});

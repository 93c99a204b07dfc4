import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};

type Target = string | { target: string; arch?: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  protocols: Array<{ schemes: string[] }>;
  directories: { output: string };
  win: { target: Target[] };
  linux: { target: Target[] };
  mac: { target: Target[] };
}

const config = yaml.load(readFileSync(new URL('../../build/electron-builder.yml', import.meta.url), 'utf8')) as BuilderConfig;
const targets = (list: Target[]) => list.map((t) => (typeof t === 'string' ? t : t.target));

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('packages the built app only, with better-sqlite3 outside the asar', () => {
    expect(config.appId).toBe('com.hotlinedesk.app');
    expect(config.productName).toBe('Hotline Desk');
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/**/*', 'package.json']));
    expect(config.files.some((f) => /^(electron|renderer|shared|server|test)\//.test(f))).toBe(false);
    expect(config.asarUnpack.join()).toContain('better-sqlite3-multiple-ciphers');
    expect(config.directories.output).toBe('release');
  });

  it('builds nsis (x64), AppImage + deb, dmg, and registers hotline://', () => {
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(config.win.target[0]).toMatchObject({ arch: ['x64'] });
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['hotline']);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f));

/** The images listed in an .ico file's directory: width (0 means 256) and whether each is a PNG. */
function icoImages(buf: Buffer): { size: number; png: boolean }[] {
  expect(buf.readUInt16LE(2)).toBe(1);
  return Array.from({ length: buf.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const offset = buf.readUInt32LE(e + 12);
    return { size: buf.readUInt8(e) || 256, png: buf.subarray(offset, offset + 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) };
  });
}

describe('app icon and favicon', () => {
  it('the Windows icon carries 16 to 256 px, the favicon 16 to 48 px, all PNG inside', () => {
    expect(icoImages(read('build/icon.ico')).map((i) => i.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(icoImages(read('renderer/public/favicon.ico'))).toEqual([16, 32, 48].map((size) => ({ size, png: true })));
  });

  it('electron-builder and the page point at them', () => {
    const yml = read('build/electron-builder.yml').toString();
    expect(yml).toContain('icon: build/icon.ico');
    expect(yml.match(/icon: build\/icon\.png/g)).toHaveLength(2);
    const png = read('build/icon.png');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const html = read('renderer/index.html').toString();
    expect(html).toContain('href="./favicon.svg"');
    expect(html).toContain('href="./favicon.ico"');
    expect(read('renderer/public/favicon.svg').equals(read('build/icon.svg'))).toBe(true);
  });
});

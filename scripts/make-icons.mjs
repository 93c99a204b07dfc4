#!/usr/bin/env node
/**
 * Draws the app icon from build/icon.svg (the one source) into the files that need pixels, with the
 * Chromium the end-to-end tests use (CHROMIUM_PATH or /usr/bin/chromium):
 *   build/icon.png            1024 px, electron-builder's icon (it makes .icns and the Linux sizes)
 *   build/icon.ico            16–256 px, the Windows installer and window icon
 *   renderer/public/favicon.ico  16–48 px, for browsers that ask for /favicon.ico
 *   renderer/public/favicon.svg  a copy of the SVG (index.html links it)
 * An .ico holds PNG images since Windows Vista, so no image library is needed.
 *
 *   node scripts/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(ROOT, 'build/icon.svg'), 'utf8');

/** An .ico file of PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
export function icoOf(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const render = async (size) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  return { size, png: await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }) };
};
const sizes = {};
for (const s of [16, 24, 32, 48, 64, 128, 256, 1024]) sizes[s] = await render(s);
await browser.close();

fs.writeFileSync(path.join(ROOT, 'build/icon.png'), sizes[1024].png);
fs.writeFileSync(path.join(ROOT, 'build/icon.ico'), icoOf([16, 24, 32, 48, 64, 128, 256].map((s) => sizes[s])));
fs.mkdirSync(path.join(ROOT, 'renderer/public'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'renderer/public/favicon.ico'), icoOf([16, 32, 48].map((s) => sizes[s])));
fs.writeFileSync(path.join(ROOT, 'renderer/public/favicon.svg'), svg);
console.log('icons written: build/icon.png, build/icon.ico, renderer/public/favicon.ico, renderer/public/favicon.svg');

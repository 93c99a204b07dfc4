import { describe, expect, it } from 'vitest';
import {
  findIncomingNumber,
  incomingFromAdditionalData,
  MAX_DIGITS,
  parseIncomingNumber,
  parseIncomingUrl,
} from '../../electron/main/incoming';

describe('parseIncomingNumber', () => {
  it.each([
    ['13800138000', '13800138000'],
    [' 138-0013-8000 ', '13800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['(0571) 8888.1234', '057188881234'],
    ['tel:+8613800138000', '+8613800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋86 13800138000', '+8613800138000'],
    ['110', '110'],
    ['4008 123 456', '4008123456'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseIncomingNumber(raw)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['12', 'too short'],
    ['1'.repeat(MAX_DIGITS + 1), 'too many digits'],
    [`1${' '.repeat(50)}2345`, 'raw string too long'],
    ['anonymous', 'words'],
    ['138abc0013', 'letters inside'],
    ['138;rm -rf /', 'shell metacharacters'],
    ['++8613800138000', 'two plus signs'],
    ['138+0013', 'plus inside'],
    ['*86#', 'star and hash codes'],
    ['sip:1001@pbx', 'a SIP URI'],
    ['--incoming', 'a flag'],
  ])('rejects %j (%s)', (raw) => {
    expect(parseIncomingNumber(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 13800138000, {}, ['138']]) expect(parseIncomingNumber(value)).toBeNull();
  });
});

describe('parseIncomingUrl', () => {
  it.each([
    ['hotline://incoming?number=13800138000', '13800138000'],
    ['hotline://incoming/?number=13800138000', '13800138000'],
    ['hotline:incoming?number=13800138000', '13800138000'],
    ['HOTLINE://Incoming?number=13800138000', '13800138000'],
    ['hotline://incoming?number=%2B8613800138000', '+8613800138000'],
    ['hotline://incoming?number=0571-8888%201234&source=softphone', '057188881234'],
  ])('accepts %s', (url, expected) => {
    expect(parseIncomingUrl(url)).toBe(expected);
  });

  it.each([
    ['https://incoming?number=13800138000', 'another scheme'],
    ['hotline://outgoing?number=13800138000', 'another action'],
    ['hotline://incoming/extra?number=13800138000', 'extra path'],
    ['hotline://incoming', 'no number'],
    ['hotline://incoming?number=', 'empty number'],
    ['hotline://incoming?number=abc', 'garbage number'],
    ['hotline://incoming?number=13800138000&number=13900139000', 'two numbers'],
    [`hotline://incoming?number=13800138000&pad=${'x'.repeat(300)}`, 'overlong URL'],
    ['not a url', 'not a URL'],
  ])('rejects %s (%s)', (url) => {
    expect(parseIncomingUrl(url)).toBeNull();
  });
});

describe('findIncomingNumber', () => {
  it('reads --incoming <number>', () => {
    expect(findIncomingNumber(['/opt/hotline/hotline-desk', '--incoming', '13800138000'])).toBe('13800138000');
  });

  it('reads --incoming=<number>', () => {
    expect(findIncomingNumber(['electron', '.', '--incoming=+86 138 0013 8000'])).toBe('+8613800138000');
  });

  it('reads a protocol URL (Windows and Linux pass it in argv)', () => {
    expect(findIncomingNumber(['C:\\Hotline\\HotlineDesk.exe', 'hotline://incoming?number=13800138000'])).toBe(
      '13800138000',
    );
  });

  it('skips an invalid value and keeps looking', () => {
    expect(findIncomingNumber(['x', '--incoming', 'garbage', 'hotline://incoming?number=110'])).toBe('110');
  });

  it('returns null when there is nothing, or a dangling flag', () => {
    expect(findIncomingNumber(['electron', '.'])).toBeNull();
    expect(findIncomingNumber(['electron', '.', '--incoming'])).toBeNull();
    expect(findIncomingNumber(['electron', '--incoming', '--no-sandbox'])).toBeNull();
  });
});

describe('incomingFromAdditionalData', () => {
  it('revalidates what another process sent', () => {
    expect(incomingFromAdditionalData({ incoming: '138 0013 8000' })).toBe('13800138000');
    expect(incomingFromAdditionalData({ incoming: 'DROP TABLE calls' })).toBeNull();
    expect(incomingFromAdditionalData({ incoming: null })).toBeNull();
    expect(incomingFromAdditionalData(null)).toBeNull();
    expect(incomingFromAdditionalData('13800138000')).toBeNull();
  });
});

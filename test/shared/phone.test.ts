import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../shared/domain/phone';

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '13800138000', 'mobile'],
    ['138 0013 8000', '13800138000', 'mobile'],
    ['138-0013-8000', '13800138000', 'mobile'],
    ['+86 138 0013 8000', '13800138000', 'mobile'],
    ['0086-13800138000', '13800138000', 'mobile'],
    ['8613800138000', '13800138000', 'mobile'],
    ['013800138000', '13800138000', 'mobile'],
    ['0571-88881234', '057188881234', 'landline'],
    ['(010) 6552 9988', '01065529988', 'landline'],
    ['020/8765 4321', '02087654321', 'landline'],
    ['400-820-8820', '4008208820', 'service'],
  ])('%s → %s', (raw, normalized, kind) => {
    const n = normalizePhone(raw);
    expect(n.normalized).toBe(normalized);
    expect(n.kind).toBe(kind);
    expect(n.valid).toBe(true);
  });

  it('keeps the local part of a landline so a call without area code still matches', () => {
    expect(normalizePhone('0571-88881234').local).toBe('88881234');
    expect(normalizePhone('010-65529988').local).toBe('65529988');
    expect(normalizePhone('88881234', '0571')).toMatchObject({ normalized: '057188881234', local: '88881234' });
  });

  it.each([
    ['0571-88881234 转 802', '802'],
    ['0571-88881234 ext. 12', '12'],
    ['0571-88881234#66', '66'],
  ])('splits the extension of %s', (raw, ext) => {
    const n = normalizePhone(raw);
    expect(n.normalized).toBe('057188881234');
    expect(n.extension).toBe(ext);
  });

  it.each(['', 'abc', '12', '1234567890123456', "'; DROP TABLE customers; --"])('marks %j as invalid', (raw) => {
    expect(normalizePhone(raw).valid).toBe(false);
  });

  it('masks all but the first three and last four digits', () => {
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
    expect(maskPhone('12')).toBe('**');
  });
});

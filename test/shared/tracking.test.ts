import { describe, expect, it } from 'vitest';
import { beijingTime, csvField, daysBetween, toCsv } from '../../shared/domain/tracking';

describe('CSV export escaping', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('周丽')).toBe('周丽');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3'); // a number cell is a number, not a formula
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('杭州,宏达')).toBe('"杭州,宏达"');
    expect(csvField('他说"不满意"')).toBe('"他说""不满意"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('neutralises spreadsheet formulas: a leading = + - @ tab or CR gets an apostrophe', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+8613800138000')).toBe("'+8613800138000");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('1=1')).toBe('1=1'); // only a leading sign is dangerous
  });

  it('writes UTF-8 with a BOM and CRLF line ends', () => {
    const csv = toCsv(['编号', '客户'], [['TS-1', '周丽'], ['TS-2', '=x']]);
    expect(csv).toBe("\uFEFF编号,客户\r\nTS-1,周丽\r\nTS-2,'=x\r\n");
  });

  it('formats Beijing time and counts calendar days in Beijing', () => {
    expect(beijingTime('2026-11-22T02:00:00.000Z')).toBe('2026-11-22 10:00');
    expect(beijingTime(null)).toBe('');
    // 23:30 and 00:30 the next morning in Beijing: one day apart though only an hour passed.
    expect(daysBetween('2026-11-22T15:30:00.000Z', '2026-11-22T16:30:00.000Z')).toBe(1);
    expect(daysBetween('2026-11-22T02:00:00.000Z', '2026-11-22T09:00:00.000Z')).toBe(0);
  });
});

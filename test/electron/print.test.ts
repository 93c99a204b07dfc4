import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/main/menu';
import {
  MAX_FILE_NAME_CHARS,
  PDF_OPTIONS,
  PRINT_FAILED,
  PRINT_OPTIONS,
  pdfFileName,
  pdfSaveDialogOptions,
  pdfTarget,
  printFailureMessage,
  sanitizeFileName,
  saveErrorMessage,
} from '../../electron/main/print';

describe('print options', () => {
  it('print shows the dialog and prints backgrounds', () => {
    expect(PRINT_OPTIONS).toEqual({ silent: false, printBackground: true });
  });

  it('PDF is A4 (the page’s own size, orientation and page-number footer first) with backgrounds and default margins', () => {
    // No displayHeaderFooter: the pages number themselves (@page margin boxes), and Chromium's footer would print a second number.
    expect(PDF_OPTIONS).toEqual({
      pageSize: 'A4',
      printBackground: true,
      margins: { marginType: 'default' },
      preferCSSPageSize: true,
    });
  });
});

describe('sanitizeFileName', () => {
  it('keeps Chinese text, record numbers and full-width punctuation', () => {
    expect(sanitizeFileName('客户来电记录单 LD-20261122-A1-0001')).toBe('客户来电记录单 LD-20261122-A1-0001');
    expect(sanitizeFileName('投诉处理单：TS-2026-A1-0007（重复投诉）')).toBe('投诉处理单：TS-2026-A1-0007（重复投诉）');
  });

  it('replaces every character Windows forbids', () => {
    expect(sanitizeFileName('a<b>c:d"e/f\\g|h?i*j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(sanitizeFileName('..\\..\\Windows\\system32')).toBe('_.._Windows_system32');
  });

  it('drops control and invisible characters, collapses whitespace', () => {
    expect(sanitizeFileName('a\u0000b\u0007c')).toBe('abc');
    expect(sanitizeFileName('  记录\t\n单   LD  ')).toBe('记录 单 LD');
    // A right-to-left override would make "记录\u202Efdp.exe" display as "记录exe.pdf".
    expect(sanitizeFileName('记录\u202Efdp.exe')).toBe('记录fdp.exe');
    expect(sanitizeFileName('zero\u200Bwidth')).toBe('zerowidth');
  });

  it('strips leading and trailing dots and spaces', () => {
    expect(sanitizeFileName('  .hidden. . ')).toBe('hidden');
    expect(sanitizeFileName('...')).toBe('客服热线工作台');
  });

  it('prefixes reserved device names, with or without an extension', () => {
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'lpt9', 'COM¹', 'nul.txt', 'CON .x']) {
      expect(sanitizeFileName(name)).toBe(`_${name}`);
    }
    expect(sanitizeFileName('CONSOLE')).toBe('CONSOLE');
    expect(sanitizeFileName('COM10')).toBe('COM10');
  });

  it('falls back when nothing is left', () => {
    expect(sanitizeFileName('')).toBe('客服热线工作台');
    expect(sanitizeFileName(' \u200B ', '记录')).toBe('记录');
  });

  it('cuts long names by characters without splitting a surrogate pair', () => {
    const long = '𠀋'.repeat(150);
    const cut = sanitizeFileName(long);
    expect(Array.from(cut)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(cut).toBe('𠀋'.repeat(MAX_FILE_NAME_CHARS));
    expect(sanitizeFileName(`${'a'.repeat(MAX_FILE_NAME_CHARS - 1)}. tail`)).toBe('a'.repeat(MAX_FILE_NAME_CHARS - 1));
  });
});

describe('pdfFileName', () => {
  it('uses the print view title: form and record number', () => {
    expect(pdfFileName('客户来电记录单 LD-20261122-A1-0001')).toBe('客户来电记录单 LD-20261122-A1-0001.pdf');
    expect(pdfFileName('TS-2026-A1-0007')).toBe('TS-2026-A1-0007.pdf');
  });

  it('drops the app-name decoration of ordinary pages', () => {
    expect(pdfFileName('华东分中心 — 客服热线工作台')).toBe('华东分中心.pdf');
    expect(pdfFileName('客服热线工作台 Hotline Desk')).toBe('客服热线工作台.pdf');
    expect(pdfFileName(' — 客服热线工作台')).toBe('客服热线工作台.pdf');
    expect(pdfFileName('')).toBe('客服热线工作台.pdf');
  });

  it('sanitises and never doubles the extension', () => {
    expect(pdfFileName('来电 13800138000/张先生?')).toBe('来电 13800138000_张先生_.pdf');
    expect(pdfFileName('report.PDF')).toBe('report.pdf');
    expect(pdfFileName('CON')).toBe('_CON.pdf');
  });
});

describe('save dialog and target', () => {
  it('suggests the title as name in the given folder, with a PDF filter and overwrite confirmation', () => {
    const options = pdfSaveDialogOptions('客户投诉处理单 TS-2026-A1-0007', '/home/agent/Documents');
    expect(options).toEqual({
      title: '导出 PDF',
      defaultPath: join('/home/agent/Documents', '客户投诉处理单 TS-2026-A1-0007.pdf'),
      buttonLabel: '保存',
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('adds .pdf when the dialog did not, and says so', () => {
    expect(pdfTarget('/tmp/a.pdf')).toEqual({ path: '/tmp/a.pdf', extensionAdded: false });
    expect(pdfTarget('C:\\Users\\a\\B.PDF')).toEqual({ path: 'C:\\Users\\a\\B.PDF', extensionAdded: false });
    expect(pdfTarget('/tmp/a')).toEqual({ path: '/tmp/a.pdf', extensionAdded: true });
    expect(pdfTarget('/tmp/a.txt')).toEqual({ path: '/tmp/a.txt.pdf', extensionAdded: true });
  });
});

describe('messages', () => {
  it('a cancelled print is not an error', () => {
    expect(printFailureMessage('Print job canceled')).toBeNull();
    expect(printFailureMessage('cancelled')).toBeNull();
  });

  it('print failures have Chinese text', () => {
    expect(printFailureMessage('Invalid printer settings')).toContain('打印机设置无效');
    expect(printFailureMessage('Print job failed')).toBe(PRINT_FAILED);
    expect(printFailureMessage('')).toBe(PRINT_FAILED);
  });

  it('write errors map to Chinese reasons', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(saveErrorMessage(err('EACCES'))).toContain('权限');
    expect(saveErrorMessage(err('EPERM'))).toContain('权限');
    expect(saveErrorMessage(err('EBUSY'))).toContain('占用');
    expect(saveErrorMessage(err('EEXIST'))).toContain('已存在');
    expect(saveErrorMessage(err('ENOSPC'))).toContain('磁盘空间不足');
    expect(saveErrorMessage(new Error('boom'))).toBe('保存文件时出错。');
    expect(saveErrorMessage('not an error')).toBe('保存文件时出错。');
  });
});

describe('menu', () => {
  const items = (isMac: boolean) => {
    const calls: string[] = [];
    const template = buildMenuTemplate({
      isMac,
      isDev: false,
      actions: { print: () => calls.push('print'), exportPdf: () => calls.push('pdf') },
    });
    const file = template.find((m) => m.label === '文件');
    const submenu = (file?.submenu ?? []) as Array<{ label?: string; accelerator?: string; click?: () => void; role?: string }>;
    return { calls, submenu };
  };

  for (const isMac of [false, true]) {
    it(`has 打印… and 导出 PDF… in 文件 (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const { calls, submenu } = items(isMac);
      const print = submenu.find((i) => i.label === '打印…');
      const pdf = submenu.find((i) => i.label === '导出 PDF…');
      expect(print?.accelerator).toBe('CmdOrCtrl+P');
      expect(pdf?.accelerator).toBe('CmdOrCtrl+Shift+P');
      print?.click?.();
      pdf?.click?.();
      expect(calls).toEqual(['print', 'pdf']);
      // Quit lives in the app menu on macOS, at the end of 文件 elsewhere.
      expect(submenu.some((i) => i.role === 'quit')).toBe(!isMac);
    });
  }
});

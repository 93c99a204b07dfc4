/**
 * Printing decisions: the options handed to Chromium, the suggested PDF file name, and the Chinese
 * messages for failures. Pure, so the rules are unit-tested; app.ts does the Electron calls.
 */
import { join } from 'node:path';
import type { PrintToPDFOptions, SaveDialogOptions, WebContentsPrintOptions } from 'electron';

/** 打印…: the system print dialog (never silent: the agent picks the printer), with cell shading. */
export const PRINT_OPTIONS = { silent: false, printBackground: true } as const satisfies WebContentsPrintOptions;

/**
 * 导出 PDF…: the annex forms are A4 paper forms. printToPDF ignores `marginType` and applies its own
 * default of 0.4 in (about 1 cm) on each side when no `top/bottom/left/right` (inches) are given. The
 * page's own `@page` rule wins (`preferCSSPageSize`): the tracking sheet (annex 3) comes out landscape
 * and annexes 1 and 2 portrait, and its margin box prints "第 1 页 / 共 3 页" at the foot of every page
 * (renderer styles.css, print.css; Chromium 131 and later), the same on paper (打印…, window.print()) as
 * in the PDF. Chromium's own header and footer stay off: they would print a second page number over it.
 */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  margins: { marginType: 'default' },
  preferCSSPageSize: true,
} as const satisfies PrintToPDFOptions;

export const APP_NAME = '客服热线工作台';
const FALLBACK_NAME = APP_NAME;
/** Characters, not bytes; leaves room for the folder in Windows' 260-character MAX_PATH. */
export const MAX_FILE_NAME_CHARS = 100;

/** Forbidden in Windows file names (`/` is also the separator elsewhere). */
const ILLEGAL = /[<>:"/\\|?*]/g;
/** Control and invisible format characters (zero-width, bidi overrides that can fake an extension). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Device names Windows reserves with any extension: CON.pdf cannot be created. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** The window title's app-name decoration ("华东分中心 — 客服热线工作台", "客服热线工作台 Hotline Desk"). */
const APP_DECORATION = /\s*[-—–|·]?\s*(客服热线工作台|Hotline Desk)\s*[-—–|·]?\s*/gi;

/**
 * A name that is legal on Windows, macOS and Linux: illegal characters become `_`, invisible ones
 * are dropped, whitespace is collapsed, leading/trailing dots and spaces go (Windows strips trailing
 * ones silently; a leading dot hides the file on Unix), reserved device names get a `_` prefix, and
 * the result is cut to MAX_FILE_NAME_CHARS without splitting a character. Empty → `fallback`.
 */
export function sanitizeFileName(raw: string, fallback = FALLBACK_NAME): string {
  let name = raw
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(ILLEGAL, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  name = Array.from(name).slice(0, MAX_FILE_NAME_CHARS).join('').replace(/[\s.]+$/, '');
  if (!name) return fallback;
  const stem = name.split('.')[0]!.trimEnd();
  return RESERVED.test(stem) ? `_${name}` : name;
}

/**
 * Default name for 导出 PDF… from the page title. The print views title themselves with the form and
 * record number (`客户来电记录单 LD-20261122-A1-0001`), which becomes the file name; the app-name
 * decoration of the ordinary pages is dropped. Always ends in `.pdf`.
 */
export function pdfFileName(title: string): string {
  const withoutApp = title.replace(APP_DECORATION, ' ').trim();
  const base = sanitizeFileName(withoutApp.replace(/\.pdf$/i, ''));
  return `${base}.pdf`;
}

/** Save dialog for 导出 PDF…; `directory` is the last folder used, else Documents. */
export function pdfSaveDialogOptions(title: string, directory: string): SaveDialogOptions {
  return {
    title: '导出 PDF',
    defaultPath: join(directory, pdfFileName(title)),
    buttonLabel: '保存',
    filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export interface PdfTarget {
  path: string;
  /**
   * True when `.pdf` was added here (Linux dialogs do not add it from the filter). The user then
   * never confirmed overwriting *that* name, so the write must not replace an existing file.
   */
  extensionAdded: boolean;
}

export function pdfTarget(chosenPath: string): PdfTarget {
  if (/\.pdf$/i.test(chosenPath)) return { path: chosenPath, extensionAdded: false };
  return { path: `${chosenPath}.pdf`, extensionAdded: true };
}

export const PRINT_FAILED = '打印任务失败，请检查打印机是否联机、是否缺纸后重试。';

/**
 * Chinese text for a failed webContents.print(); null when the agent just closed the dialog.
 * Electron documents "Print job canceled", "Invalid printer settings" and "Print job failed".
 */
export function printFailureMessage(failureReason: string): string | null {
  const reason = failureReason.toLowerCase();
  if (reason.includes('cancel')) return null;
  if (reason.includes('invalid printer settings')) return '打印机设置无效，请检查打印机是否可用后重试。';
  return PRINT_FAILED;
}

/** Chinese reason for a failed PDF write, from the Node error code. */
export function saveErrorMessage(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return '没有写入该位置的权限，请换一个文件夹。';
    case 'EBUSY':
      return '文件正被其他程序占用（例如已在 PDF 阅读器中打开），请关闭后重试或换一个文件名。';
    case 'EEXIST':
      return '同名文件已存在，请换一个文件名。';
    case 'ENOENT':
    case 'ENOTDIR':
      return '所选文件夹不存在。';
    case 'ENOSPC':
      return '磁盘空间不足。';
    case 'EROFS':
      return '该位置是只读的，请换一个文件夹。';
    case 'ENAMETOOLONG':
      return '文件名或路径过长，请缩短后重试。';
    default:
      return '保存文件时出错。';
  }
}

import fs from 'node:fs';
import { once } from 'node:events';
import { csvField, TRACKING_COLUMNS, type TrackingRow } from '../../../shared/domain/tracking';
import { csvCells, type TrackingColumn, xlsxCells } from './trackingSheet';

/**
 * Annex 3 in full as a file written while its rows are read: a chunk of rows at a time is added and
 * written out, so the process holds one chunk, never the sheet (200k rows would be about a gigabyte as
 * exceljs cells). The .xlsx is exceljs' streaming writer (inline strings: a shared-strings table would
 * hold every distinct text until the end); the CSV is plain lines.
 *
 * As printed: A4 landscape, one page wide, the header row repeated on every page, 第 N 页,共 M 页 in the
 * footer, and the signature lines (填表人, 审核人, 日期) after the last row, as on the paper register.
 */

export interface TrackingFileWriter {
  /** Writes the rows and waits until the file has taken them (so nothing piles up in memory). */
  add(rows: readonly TrackingRow[]): Promise<void>;
  /** Completes the file; resolves with its size in bytes. */
  finish(): Promise<number>;
  /** Stops writing and closes the file (the caller deletes it). */
  abort(): void;
}

export const SIGNATURE_LINE = ['填表人:______________', '审核人:______________', '日期:______________'] as const;
/** The columns the signature words stand in: the first, 问题 and 处理结果 (wide ones, spread across the page). */
const SIGNATURE_AT = [1, 6, 11];
const SHEET_NAME = '跟踪表';

/** Waits while the file's buffer is full: the writer does not outrun the disk. */
async function drained(out: fs.WriteStream): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const go = () => {
      out.off('drain', go);
      out.off('close', go);
      resolve();
    };
    out.on('drain', go);
    out.on('close', go);
  });
}

/** Compressed output not yet taken by the file, and sheet text not yet compressed, at most (then the writer waits). */
const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * Sheet text that exceljs has handed to the zip's compressor but the compressor has not yet consumed or
 * passed on. exceljs writes into the compressor without heeding backpressure, so without this wait the
 * whole sheet piled up in memory (about 190 MB of buffers at 200k rows, measured). These are internals of
 * exceljs (its sheet stream's buffers) and of archiver (the stream it pipes the sheet into, before the
 * compressor, which heeds backpressure from there on to the file); without them nothing is waited for.
 */
function queuedBytes(ws: unknown): number {
  type State = { length?: number };
  type Buf = { iRead?: number; iWrite?: number };
  const sheet = (ws as { _stream?: { buffers?: Buf[]; pipes?: { _writableState?: State; _readableState?: State }[] } })._stream;
  const held = (sheet?.buffers ?? []).reduce((n, b) => n + ((b.iWrite ?? 0) - (b.iRead ?? 0)), 0);
  const into = sheet?.pipes?.[0];
  return held + (into?._writableState?.length ?? 0) + (into?._readableState?.length ?? 0);
}

export async function openTrackingWriter(
  file: string,
  format: 'xlsx' | 'csv',
  asOf: string,
  columns: readonly TrackingColumn[] = TRACKING_COLUMNS,
): Promise<TrackingFileWriter> {
  // 0600: the file holds customers' data in the clear until its owner takes it. Opened at once, so that a
  // folder that cannot be written fails the start and a cancel always finds the file to delete.
  const out = fs.createWriteStream(file, { fd: fs.openSync(file, 'w', 0o600) });
  let failure: Error | null = null;
  out.on('error', (err) => {
    failure ??= err;
  });
  const check = () => {
    if (failure) throw failure;
  };

  if (format === 'csv') {
    const line = (cells: readonly (string | number | null)[]) => `${cells.map(csvField).join(',')}\r\n`;
    out.write(`\uFEFF${line(columns.map((c) => c.title))}`);
    return {
      async add(rows) {
        check();
        out.write(rows.map((r) => line(csvCells(r, columns))).join(''));
        await drained(out);
        check();
      },
      async finish() {
        check();
        const sign = columns.map((_, i) => SIGNATURE_LINE[SIGNATURE_AT.indexOf(i + 1)] ?? '');
        out.end(`\r\n${line(sign)}`);
        await once(out, 'close');
        check();
        return fs.statSync(file).size;
      },
      abort: () => out.destroy(),
    };
  }

  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // The zip stream is not in exceljs' types; an error there (a full disk) must fail the job, not the process.
  (wb as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', (err: Error) => {
    failure ??= err;
  });
  wb.creator = 'Hotline Desk';
  wb.created = new Date(asOf);
  const ws = wb.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: { oddFooter: '&C第 &P 页,共 &N 页' },
  });
  ws.columns = columns.map((c) => ({ header: c.title, key: c.key, width: c.width, ...('date' in c ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  // The streaming writer does not turn printTitlesRow into the workbook's print titles: it is named here.
  wb.definedNames.add(`'${SHEET_NAME}'!$1:$1`, '_xlnm.Print_Titles');
  return {
    async add(rows) {
      check();
      for (const r of rows) ws.addRow(xlsxCells(r, columns)).commit();
      while (queuedBytes(ws) > MAX_QUEUED_BYTES && !failure && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 5));
      await drained(out);
      check();
    },
    async finish() {
      check();
      ws.addRow([]).commit();
      const sign = ws.addRow([]);
      SIGNATURE_LINE.forEach((text, i) => {
        sign.getCell(SIGNATURE_AT[i]!).value = text;
      });
      sign.commit();
      ws.commit();
      await wb.commit();
      check();
      return fs.statSync(file).size;
    },
    abort: () => out.destroy(),
  };
}

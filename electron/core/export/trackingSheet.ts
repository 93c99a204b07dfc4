import type { TrackingExport } from '../../../shared/api/types';
import { BEIJING_MS } from '../../../shared/domain/calendar';
import { beijingTime, cellValue, TRACKING_COLUMNS, type TrackingRow, toCsv } from '../../../shared/domain/tracking';

/**
 * The tracking sheet as a file (.xlsx or CSV), from rows already read: no store, no session, so that the
 * formatting can be built and tested apart from the query that feeds it.
 */

export type TrackingColumn = (typeof TRACKING_COLUMNS)[number];

/** Excel has no time zones: a date cell holds Beijing wall-clock time, as the paper form would. */
export const excelDate = (isoTime: string | null) => (isoTime ? new Date(Date.parse(isoTime) + BEIJING_MS) : null);

/** 客户投诉及处理跟踪表-202611221000.xlsx: named for the moment the rows were read (Beijing time). */
export function trackingFilename(asOf: string, format: 'xlsx' | 'csv'): string {
  return `客户投诉及处理跟踪表-${beijingTime(asOf).replace(/[-: ]/g, '').slice(0, 12)}.${format}`;
}

/** One row as .xlsx cells by column key: dates as Beijing wall-clock dates, the rest as the sheet words them. */
export const xlsxCells = (r: TrackingRow, columns: readonly TrackingColumn[]) =>
  Object.fromEntries(columns.map((c) => [c.key, 'date' in c ? excelDate(cellValue(r, c.key) as string | null) : cellValue(r, c.key)]));

/** One row as CSV cells: dates as Beijing time text. */
export const csvCells = (r: TrackingRow, columns: readonly TrackingColumn[]) =>
  columns.map((c) => ('date' in c ? beijingTime(cellValue(r, c.key) as string | null) : cellValue(r, c.key)));

/** `asOf`: when the rows were read; it names the file and dates the workbook. */
export async function buildTrackingSheet(
  rows: readonly TrackingRow[],
  asOf: string,
  format: 'xlsx' | 'csv',
  columns: readonly TrackingColumn[] = TRACKING_COLUMNS,
): Promise<TrackingExport> {
  const filename = trackingFilename(asOf, format);
  let data: Buffer;
  if (format === 'csv') {
    const header = columns.map((c) => c.title);
    const body = rows.map((r) => csvCells(r, columns));
    data = Buffer.from(toCsv(header, body), 'utf8');
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hotline Desk';
    wb.created = new Date(asOf);
    const ws = wb.addWorksheet('跟踪表', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = columns.map((c) => ({
      header: c.title,
      key: c.key,
      width: c.width,
      ...('date' in c ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      ws.addRow(xlsxCells(r, columns));
    }
    data = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return {
    filename,
    mime: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: data.toString('base64'),
    rows: rows.length,
  };
}

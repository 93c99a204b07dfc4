import type { TrackingExport } from '../../../shared/api/types';
import { beijingTime, cellValue, TRACKING_COLUMNS, type TrackingView, toCsv } from '../../../shared/domain/tracking';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { type BoardList, EXPORT_MAX_ROWS, queryTracking } from './tracking';

/** Excel has no time zones: a date cell holds Beijing wall-clock time, as the paper form would. */
const excelDate = (isoTime: string | null) => (isoTime ? new Date(Date.parse(isoTime) + 8 * 3600_000) : null);

export async function exportTracking(ctx: CoreContext, view: TrackingView, format: 'xlsx' | 'csv', list?: BoardList): Promise<TrackingExport> {
  const page = queryTracking(ctx, view, { limit: EXPORT_MAX_ROWS + 1, offset: 0, count: false, ...(list ? { list } : {}) });
  if (page.rows.length > EXPORT_MAX_ROWS)
    throw new ApiFailure('invalid_params', `the view has more than ${EXPORT_MAX_ROWS} rows; narrow it before exporting`, [
      { field: '(params)', code: 'out_of_range', message: 'too many rows to export', params: { maximum: EXPORT_MAX_ROWS } },
    ]);
  const stamp = beijingTime(page.asOf).replace(/[-: ]/g, '').slice(0, 12);
  const filename = `客户投诉及处理跟踪表-${stamp}.${format}`;
  let data: Buffer;
  if (format === 'csv') {
    const header = TRACKING_COLUMNS.map((c) => c.title);
    const body = page.rows.map((r) =>
      TRACKING_COLUMNS.map((c) => ('date' in c ? beijingTime(cellValue(r, c.key) as string | null) : cellValue(r, c.key))),
    );
    data = Buffer.from(toCsv(header, body), 'utf8');
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hotline Desk';
    wb.created = new Date(page.asOf);
    const ws = wb.addWorksheet('跟踪表', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = TRACKING_COLUMNS.map((c) => ({
      header: c.title,
      key: c.key,
      width: c.width,
      ...('date' in c ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of page.rows) {
      ws.addRow(Object.fromEntries(TRACKING_COLUMNS.map((c) => [c.key, 'date' in c ? excelDate(cellValue(r, c.key) as string | null) : cellValue(r, c.key)])));
    }
    data = Buffer.from(await wb.xlsx.writeBuffer());
  }
  return {
    filename,
    mime: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: data.toString('base64'),
    rows: page.rows.length,
  };
}


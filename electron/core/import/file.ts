/**
 * Reading a spreadsheet someone else made: an .xlsx workbook (exceljs) or a CSV file (our own parser,
 * below). Cells come back as text, numbers or dates; the importer decides what they mean.
 */
export type Cell = string | number | Date;

export type SheetKind = 'xlsx' | 'csv' | 'xls' | 'mismatch' | 'unknown';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** By name AND content: a renamed file must not reach the wrong parser. */
export function sheetKind(fileName: string, bytes: Buffer): SheetKind {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.xls') || (isOle(bytes) && !name.endsWith('.csv'))) return 'xls';
  if (name.endsWith('.xlsx')) return isZip(bytes) ? 'xlsx' : 'mismatch';
  if (name.endsWith('.csv')) return isZip(bytes) || isOle(bytes) || bytes.includes(0) ? 'mismatch' : 'csv';
  return 'unknown';
}

/**
 * Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the system code page (GB18030 on Chinese
 * Windows), and "Unicode text" as UTF-16. Strict UTF-8 first; bytes that are not UTF-8 are GB18030.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * RFC 4180: fields separated by the delimiter, quoted fields may hold the delimiter, newlines and
 * doubled quotes; rows end with CRLF, LF or CR. The delimiter is a comma unless the first line has
 * none and has tabs or semicolons instead (Excel's "Unicode text", European locales).
 */
export function parseCsv(text: string): string[][] {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parseCsvBytes(bytes: Buffer): Cell[][] {
  return parseCsv(decodeText(bytes));
}

type ExcelValue = unknown;

/** exceljs gives rich text, hyperlinks, formulas and errors as objects; the importer wants what the cell shows. */
function cellOf(v: ExcelValue): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellOf(o.result);
    if (o.text !== undefined) return cellOf(o.text);
  }
  return '';
}

/** The first worksheet, as rows of cells; row i of the result is row i + 1 of the sheet. */
export async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellOf(cell.value);
    });
    rows[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

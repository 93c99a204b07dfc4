/**
 * Reading a spreadsheet someone else made: an .xlsx workbook (exceljs) or a CSV file (our own parser,
 * below). Cells come back as text, numbers or dates; the importer decides what they mean.
 *
 * Bounded: this runs in the process that also serves the call screen, and a 700 KB .xlsx can unpack
 * to 300 MB of XML. The zip's own directory is read first and every entry is unpacked with a byte
 * cap (the directory may lie) before exceljs sees the file; exceljs then streams the rows, and reading
 * stops at a row or cell cap instead of building the whole sheet.
 */
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';

export type Cell = string | number | Date;

/** Unpacked size of the whole workbook; a 5,000-row list is 2–4 MB of XML. */
export const MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Unpacked size of one part (a worksheet, the shared strings). */
export const MAX_XLSX_PART_BYTES = 16 * 1024 * 1024;
/** Parts in the zip: a workbook from Excel or WPS has 10–30. */
export const MAX_XLSX_ENTRIES = 500;
/** Cells in one row; a list has a dozen columns. */
export const MAX_ROW_CELLS = 256;
/** A CSV's bytes (the contract's base64 cap makes this ~3.75 MB anyway; said here so the parser is bounded on its own). */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;

/** The file is over a cap: refused beside the file field with `too_large` (or `out_of_range` for rows). */
export class SheetTooLarge extends Error {
  constructor(
    message: string,
    readonly code: 'too_large' | 'out_of_range',
    readonly maximum: number,
  ) {
    super(message);
    this.name = 'SheetTooLarge';
  }
}

export interface SheetLimits {
  /** Rows read (empty ones included) before the file is refused as too long. */
  maxRows: number;
}

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
export function parseCsv(text: string, maxRows = Number.POSITIVE_INFINITY): string[][] {
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
      if (rows.length > maxRows) throw new SheetTooLarge(`the file has more than ${maxRows} rows`, 'out_of_range', maxRows);
      if (row.length > MAX_ROW_CELLS) throw new SheetTooLarge(`a row has more than ${MAX_ROW_CELLS} cells`, 'too_large', MAX_ROW_CELLS);
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

export function parseCsvBytes(bytes: Buffer, limits?: SheetLimits): Cell[][] {
  if (bytes.length > MAX_CSV_BYTES) throw new SheetTooLarge(`the file is larger than ${MAX_CSV_BYTES} bytes`, 'too_large', MAX_CSV_BYTES);
  return parseCsv(decodeText(bytes), limits?.maxRows);
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

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The zip's central directory (at its end): every part's name, declared sizes and where its data is. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const unreadable = () => new Error('the .xlsx file is not a complete zip archive');
  // End of central directory: 22 bytes plus a comment of at most 65,535, at the very end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw unreadable();
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  // ZIP64 (sizes over 4 GB, or more than 65,535 parts) is never a customer list.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new SheetTooLarge('the .xlsx file is a ZIP64 archive, far larger than a list', 'too_large', MAX_XLSX_UNPACKED_BYTES);
  if (count > MAX_XLSX_ENTRIES) throw new SheetTooLarge(`the .xlsx file has more than ${MAX_XLSX_ENTRIES} parts`, 'too_large', MAX_XLSX_UNPACKED_BYTES);
  if (cdOffset + cdSize > eocd) throw unreadable();
  const out: ZipEntry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const nameLength = zip.readUInt16LE(at + 28);
    out.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/**
 * Refuses a workbook that unpacks to more than the caps: first by the sizes the directory declares
 * (free), then by unpacking each part with a hard output cap, because a crafted file can declare
 * small sizes and still inflate to gigabytes. Unpacking 20 MB costs tens of milliseconds.
 */
export function checkXlsxSize(zip: Buffer): void {
  const entries = zipEntries(zip);
  const tooLarge = (what: string, max: number) => new SheetTooLarge(`${what} unpacks to more than ${max} bytes`, 'too_large', max);
  let declared = 0;
  for (const e of entries) {
    declared += e.size;
    if (e.size > MAX_XLSX_PART_BYTES) throw tooLarge(e.name, MAX_XLSX_PART_BYTES);
    if (declared > MAX_XLSX_UNPACKED_BYTES) throw tooLarge('the workbook', MAX_XLSX_UNPACKED_BYTES);
  }
  let actual = 0;
  for (const e of entries) {
    const local = e.localOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new Error('the .xlsx file is not a complete zip archive');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + e.compressedSize);
    const cap = Math.min(MAX_XLSX_PART_BYTES, MAX_XLSX_UNPACKED_BYTES - actual);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: cap + 1 }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(e.name, cap);
        throw err;
      }
    } else throw new Error(`the .xlsx file uses an unknown compression (${e.method})`);
    if (size > cap) throw tooLarge(e.name, cap);
    actual += size;
  }
}

/**
 * The first worksheet, as rows of cells; row i of the result is row i + 1 of the sheet. Streamed:
 * rows are read one by one and reading stops past `maxRows`.
 */
export async function readXlsx(bytes: Buffer, limits: SheetLimits = { maxRows: Number.POSITIVE_INFINITY }): Promise<Cell[][]> {
  checkXlsxSize(bytes);
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    // Date cells are numbers with a date format; the styles say which.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: Cell[][] = [];
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number > limits.maxRows) throw new SheetTooLarge(`the file has more than ${limits.maxRows} rows`, 'out_of_range', limits.maxRows);
      const values = row.values as ExcelValue[];
      if (values.length > MAX_ROW_CELLS + 1) throw new SheetTooLarge(`a row has more than ${MAX_ROW_CELLS} cells`, 'too_large', MAX_ROW_CELLS);
      rows[row.number - 1] = Array.from(values.slice(1), (v) => cellOf(v));
    }
    break; // the first worksheet only
  }
  return Array.from(rows, (r) => r ?? []);
}

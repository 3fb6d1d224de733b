// CSV for the catalog's flat fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
// A CSV row updates a service already in the catalog; lists (steps, components …) come in JSON.
import type { AdminLevel } from './model.ts';

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Parses CSV text into rows, each with the line it starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvError(`Dòng ${rowLine}: dấu ngoặc kép chưa được đóng.`);
  cells.push(cell);
  if (cells.some((x) => x !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** The rows after the header, and the header's columns: an unknown or missing column refuses the file. */
function withHeader(text: string, allowed: readonly string[], required: Record<string, string>): { rows: { line: number; cells: string[] }[]; columns: string[] } {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) throw new CsvError('Tệp CSV trống.');
  const columns = header.cells.map((h) => h.trim());
  const unknown = columns.filter((c) => !allowed.includes(c));
  if (unknown.length) throw new CsvError(`Cột không được hỗ trợ: ${unknown.join(', ')}. Các cột: ${allowed.join(', ')}.`);
  for (const [name, message] of Object.entries(required)) if (!columns.includes(name)) throw new CsvError(message);
  return { rows, columns };
}

export const CSV_COLUMNS = ['code', 'name', 'sector', 'field', 'adminLevel', 'level', 'agency', 'timeLimitDays'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface FlatServiceUpdate {
  line: number;
  code: string;
  name?: string;
  sector?: string;
  field?: string;
  adminLevel?: AdminLevel;
  level?: number;
  agency?: string;
  timeLimitDays?: number;
}

/** Rows of a catalog CSV as updates; the header names the columns (any order, `code` required). */
export function csvUpdates(text: string): { updates: FlatServiceUpdate[]; problems: { line: number; key?: string; message: string }[] } {
  const { rows, columns } = withHeader(text, CSV_COLUMNS, { code: 'Thiếu cột "code" (mã TTHC).' });
  const updates: FlatServiceUpdate[] = [];
  const problems: { line: number; key?: string; message: string }[] = [];
  for (const row of rows) {
    const get = (name: CsvColumn) => {
      const i = columns.indexOf(name);
      const v = i >= 0 ? row.cells[i]?.trim() : undefined;
      return v === '' ? undefined : v;
    };
    const code = get('code') ?? '';
    const fail = (message: string) => problems.push({ line: row.line, key: code || undefined, message });
    if (!/^[0-9]+\.[0-9]{6}$/.test(code)) {
      fail('mã TTHC sai định dạng');
      continue;
    }
    const level = get('level');
    if (level !== undefined && !/^[1-4]$/.test(level)) {
      fail(`mức độ "${level}" không hợp lệ; dùng 1–4`);
      continue;
    }
    const adminLevel = get('adminLevel');
    if (adminLevel !== undefined && !['trung-uong', 'tinh', 'huyen', 'xa'].includes(adminLevel)) {
      fail(`cấp thực hiện "${adminLevel}" không hợp lệ`);
      continue;
    }
    const days = get('timeLimitDays');
    if (days !== undefined && !/^\d{1,4}$/.test(days)) {
      fail(`thời hạn "${days}" phải là số ngày làm việc`);
      continue;
    }
    updates.push({
      line: row.line,
      code,
      name: get('name'),
      sector: get('sector'),
      field: get('field'),
      adminLevel: adminLevel as AdminLevel | undefined,
      level: level === undefined ? undefined : Number(level),
      agency: get('agency'),
      timeLimitDays: days === undefined ? undefined : Number(days),
    });
  }
  return { updates, problems };
}

/** The columns of the assignment list: which agency implements which procedure, with its overrides. */
export const IMPLEMENTATION_CSV_COLUMNS = ['service', 'agency', 'timeLimitDays', 'level', 'online', 'receivingAddress', 'openingHours', 'formId', 'offlineFrom', 'offlineUntil', 'offlineReason'] as const;

/** Whether a CSV is an assignment list (its header names `service`) rather than service updates. */
export function isImplementationCsv(text: string): boolean {
  const header = parseCsv(text.split(/\r?\n/, 1)[0] ?? '')[0];
  return !!header?.cells.map((c) => c.trim()).includes('service');
}

const YES = ['true', '1', 'co', 'có', 'x'];
const NO = ['false', '0', 'khong', 'không'];

/**
 * Rows of an assignment list as records in the JSON shape, each with its line: numbers and
 * yes/no read from the cells, an empty cell not given. Values are checked afterwards, as in JSON.
 */
export function implementationCsvRecords(text: string): { line: number; record: Record<string, unknown> }[] {
  const { rows, columns } = withHeader(text, IMPLEMENTATION_CSV_COLUMNS, { service: 'Thiếu cột "service" (mã TTHC).', agency: 'Thiếu cột "agency" (mã cơ quan thực hiện).' });
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    columns.forEach((name, i) => {
      const v = row.cells[i]?.trim();
      if (v === undefined || v === '') return;
      if ((name === 'timeLimitDays' || name === 'level') && /^-?\d{1,9}$/.test(v)) record[name] = Number(v);
      else if (name === 'online' && YES.includes(v.toLowerCase())) record[name] = true;
      else if (name === 'online' && NO.includes(v.toLowerCase())) record[name] = false;
      else record[name] = v;
    });
    return { line: row.line, record };
  });
}

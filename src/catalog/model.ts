// The catalog's types and pure rules: the import format (docs/catalog-format.md), levels and
// administrative levels with their names, and the search filters.
import type { Locale } from '../web/i18n.ts';

export type AdminLevel = 'trung-uong' | 'tinh' | 'huyen' | 'xa';
/** 'centre': a public-service centre (Trung tâm Phục vụ hành chính công); 'branch': one of its branches. */
export type AgencyKind = 'ministry' | 'province' | 'department' | 'district' | 'commune' | 'centre' | 'branch';
export const AGENCY_KINDS: readonly AgencyKind[] = ['ministry', 'province', 'department', 'district', 'commune', 'centre', 'branch'];
export type Method = 'truc-tiep' | 'buu-chinh' | 'truc-tuyen';

export const ADMIN_LEVELS: readonly AdminLevel[] = ['trung-uong', 'tinh', 'xa', 'huyen'];
export const SERVICE_LEVELS = [1, 2, 3, 4] as const;

export interface DossierComponent {
  id: string;
  name: string;
  /** The document kind it asks for (links to the vault, V2). */
  kind: string;
  original: number;
  copy: number;
}

export interface Fee {
  description: string;
  amount: number;
}

export interface FormRef {
  code: string;
  slug: string;
  name: string;
  fields: string[];
  /** In an import file only: the official .doc/.docx/.pdf of the form, a path relative to the imported file (C6). */
  file?: string;
  /** Stored, never imported as such: that file as kept in the file store, served verbatim. */
  official?: OfficialFormFile;
}

/** The official file of a form, from the national database, as the file store keeps it. */
export interface OfficialFormFile {
  key: string;
  sha256: string;
  size: number;
  ext: OfficialFormExt;
  mime: string;
}

export const OFFICIAL_FORM_EXTS = ['doc', 'docx', 'pdf'] as const;
export type OfficialFormExt = (typeof OFFICIAL_FORM_EXTS)[number];

/** One record of the import file: all 11 items of Art. 5.1 plus the national classification. */
export interface ServiceRecord {
  code: string;
  name: string;
  sector: string;
  field: string;
  adminLevel: AdminLevel;
  level: 1 | 2 | 3 | 4;
  agency: string;
  steps: string[];
  methods: Method[];
  components: DossierComponent[];
  dossierCount: number;
  timeLimitDays: number;
  timeLimitText: string;
  applicants: string;
  decidingAgency: string;
  result: string;
  fees: Fee[];
  requirements: string;
  forms: FormRef[];
  resultMethods: Method[];
  legalBasis: string[];
  publicationDecision: string;
}

export interface AgencyRecord {
  code: string;
  name: string;
  kind: AgencyKind;
  parent: string | null;
  sharesData?: boolean;
  address?: string;
  phone?: string;
  email?: string;
  openingHours?: string;
  /** The agency that took over from this one (a merger or renaming in the 2025 reform). */
  replacedBy?: string | null;
}

/**
 * One line of the province's assignment list: an agency that implements a procedure, with what
 * it does differently from the procedure's record (every override optional).
 */
export interface ImplementationRecord {
  service: string;
  agency: string;
  timeLimitDays?: number | null;
  level?: 1 | 2 | 3 | 4 | null;
  fees?: Fee[] | null;
  receivingAddress?: string | null;
  openingHours?: string | null;
  formId?: string | null;
  online?: boolean;
  offlineFrom?: string | null;
  offlineUntil?: string | null;
  offlineReason?: string | null;
}

export interface DocumentKindRecord {
  code: string;
  name: string;
  expires: boolean;
  /** Usual validity of an expiring kind, proposed as the valid-until date in the vault. */
  validityMonths?: number;
}

export interface CatalogFile {
  format: 'dvctt-catalog/1';
  source?: string;
  documentKinds?: DocumentKindRecord[];
  agencies?: AgencyRecord[];
  services?: ServiceRecord[];
  implementations?: ImplementationRecord[];
}

/** The items stored in `service.details` (everything not in its own column). */
export type ServiceDetails = Omit<ServiceRecord, 'code' | 'name' | 'sector' | 'field' | 'adminLevel' | 'level' | 'agency' | 'timeLimitDays'>;

export interface Service extends ServiceRecord {
  legalName: string;
  agencyName: string;
}

const LEVEL_NAMES: Record<Locale, Record<number, string>> = {
  vi: { 1: 'Mức độ 1 — thông tin', 2: 'Mức độ 2 — tải biểu mẫu', 3: 'Một phần (mức độ 3)', 4: 'Toàn trình (mức độ 4)' },
  en: { 1: 'Level 1 — information', 2: 'Level 2 — forms', 3: 'Partial online (level 3)', 4: 'End-to-end online (level 4)' },
};

/** Decree 42/2022 names: level 4 = toàn trình, level 3 = một phần. */
export function levelName(level: number, locale: Locale = 'vi'): string {
  return LEVEL_NAMES[locale][level] ?? String(level);
}

const LEVEL_EXPLAINED: Record<Locale, Record<number, string>> = {
  vi: {
    1: 'Cổng cung cấp đầy đủ thông tin về thủ tục; hồ sơ nộp trực tiếp hoặc qua bưu chính.',
    2: 'Có thể tải các mẫu đơn, tờ khai về để điền sẵn; hồ sơ nộp trực tiếp hoặc qua bưu chính.',
    3: 'Điền và gửi hồ sơ trực tuyến; nộp phí, lệ phí và nhận kết quả trực tiếp tại cơ quan.',
    4: 'Toàn bộ thủ tục trên mạng: nộp hồ sơ, thanh toán phí và nhận kết quả trực tuyến (hoặc qua bưu chính).',
  },
  en: {
    1: 'The portal gives full information about the procedure; apply in person or by post.',
    2: 'Forms can be downloaded and filled in beforehand; apply in person or by post.',
    3: 'Fill in and submit the application online; pay fees and collect the result at the agency.',
    4: 'The whole procedure online: submit, pay fees and receive the result online (or by post).',
  },
};

export function levelExplained(level: number, locale: Locale = 'vi'): string {
  return LEVEL_EXPLAINED[locale][level] ?? '';
}

const ADMIN_LEVEL_NAMES: Record<Locale, Record<AdminLevel, string>> = {
  vi: { 'trung-uong': 'Trung ương', tinh: 'Cấp tỉnh', huyen: 'Cấp huyện (dữ liệu cũ)', xa: 'Cấp xã' },
  en: { 'trung-uong': 'Central', tinh: 'Provincial', huyen: 'District (legacy)', xa: 'Commune' },
};

export function adminLevelName(level: AdminLevel, locale: Locale = 'vi'): string {
  return ADMIN_LEVEL_NAMES[locale][level] ?? level;
}

const METHOD_NAMES: Record<Locale, Record<Method, string>> = {
  vi: { 'truc-tiep': 'Trực tiếp', 'buu-chinh': 'Qua dịch vụ bưu chính', 'truc-tuyen': 'Trực tuyến' },
  en: { 'truc-tiep': 'In person', 'buu-chinh': 'By post', 'truc-tuyen': 'Online' },
};

export function methodName(m: Method, locale: Locale = 'vi'): string {
  return METHOD_NAMES[locale][m] ?? m;
}

/** Fold Vietnamese text the way the database's vn_fold() does, for matching in memory. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export interface ServiceFilters {
  q: string;
  sector: string[];
  field: string[];
  adminLevel: AdminLevel[];
  level: number[];
  agency: string[];
  page: number;
  pageSize: number;
}

export type FacetName = 'sector' | 'field' | 'adminLevel' | 'level' | 'agency';
export const FACETS: readonly FacetName[] = ['sector', 'field', 'adminLevel', 'level', 'agency'];

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export type Facets = Record<FacetName, FacetValue[]>;

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export class FilterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

function list(raw: unknown): string[] {
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw];
  return [...new Set(values.map(String).map((v) => v.trim()).filter(Boolean))];
}

function positiveInt(param: string, raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const s = String(raw);
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1) throw new FilterError(param, `Tham số "${param}" phải là số nguyên dương (nhận được "${s.slice(0, 20)}").`);
  return Math.min(Number(s), max);
}

/** Parses the list's query string (page and API alike); bad values get a clear Vietnamese error. */
export function parseFilters(query: Record<string, unknown>): ServiceFilters {
  const q = String(Array.isArray(query.q) ? query.q[0] : (query.q ?? '')).trim();
  if (q.length > MAX_QUERY_LENGTH) throw new FilterError('q', `Từ khóa tìm kiếm quá dài (${q.length} ký tự); tối đa ${MAX_QUERY_LENGTH} ký tự.`);
  const adminLevel = list(query.adminLevel);
  for (const a of adminLevel) {
    if (!(ADMIN_LEVELS as readonly string[]).includes(a)) throw new FilterError('adminLevel', `Cấp thực hiện "${a.slice(0, 30)}" không tồn tại; dùng: ${ADMIN_LEVELS.join(', ')}.`);
  }
  const level = list(query.level).map((l) => {
    if (!/^[1-4]$/.test(l)) throw new FilterError('level', `Mức độ "${l.slice(0, 30)}" không tồn tại; dùng 1, 2, 3 hoặc 4.`);
    return Number(l);
  });
  return {
    q,
    sector: list(query.sector),
    field: list(query.field),
    adminLevel: adminLevel as AdminLevel[],
    level,
    agency: list(query.agency),
    page: positiveInt('page', query.page, 1, 1_000_000),
    pageSize: positiveInt('pageSize', query.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** The query string that reproduces a set of filters (links keep the filters in the URL). */
export function filtersToQuery(f: Partial<ServiceFilters>): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  for (const name of FACETS) for (const v of (f[name] as (string | number)[] | undefined) ?? []) params.append(name, String(v));
  if (f.page && f.page > 1) params.set('page', String(f.page));
  if (f.pageSize && f.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(f.pageSize));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A mã TTHC as the national catalog writes it, e.g. 1.004616. */
export const SERVICE_CODE = /^[0-9]+\.[0-9]{6}$/;

/** The query as the database compares it with a folded name: folded, single spaces. */
export function foldQuery(q: string): string {
  return fold(q).replace(/\s+/g, ' ').trim();
}

/** Only the words of a text, folded and separated by single spaces (how synonym terms are stored). */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface Synonym {
  /** The citizen's word, as `foldWords` gives it (the database keeps it so in term_folded). */
  term: string;
  expansion: string;
}

/**
 * The query with every synonym term it contains, as whole words, replaced by its expansion:
 * longest terms first, each part of the query replaced at most once ("làm giấy khai sinh" wins
 * over "giấy khai sinh"). Undefined when no term occurs.
 */
export function expandSynonyms(query: string, synonyms: readonly Synonym[]): string | undefined {
  const words = foldWords(query).split(' ').filter(Boolean);
  if (!words.length) return undefined;
  const terms = synonyms
    .map((s) => ({ words: s.term.split(' ').filter(Boolean), expansion: foldWords(s.expansion) }))
    .filter((t) => t.words.length && t.expansion)
    .sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < words.length; ) {
    const hit = terms.find((t) => t.words.every((w, k) => words[i + k] === w));
    if (hit) {
      out.push(hit.expansion);
      i += hit.words.length;
      changed = true;
    } else {
      out.push(words[i]!);
      i++;
    }
  }
  return changed ? out.join(' ') : undefined;
}

/**
 * The pages a pager shows: all of them when few, otherwise the first, the last and the current
 * one with its neighbours, with a gap ('…') wherever pages are left out.
 */
export function pageWindow(current: number, pages: number): (number | '…')[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const shown = new Set([1, pages, current - 1, current, current + 1].filter((p) => p >= 1 && p <= pages));
  // Near an end, show enough pages that a gap never hides a single page.
  if (current <= 4) for (let p = 2; p <= 5; p++) shown.add(p);
  if (current >= pages - 3) for (let p = pages - 4; p < pages; p++) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | '…')[] = [];
  for (const p of sorted) {
    const prev = out.at(-1);
    if (typeof prev === 'number' && p - prev === 2) out.push(p - 1);
    else if (typeof prev === 'number' && p - prev > 2) out.push('…');
    out.push(p);
  }
  return out;
}

/**
 * The query as meant when it was typed with the Telex keys but without the Telex input on
 * ("ddawng kys khai sinhf" for "đăng ký khai sinh"), folded; undefined when the query has marks
 * (Telex was on) or reads the same. Vowel keys are merged (dd, aa, aw, ee, oo, ow, uw, w) and a
 * tone key (s, f, r, x, j) is dropped at the end of a word, or between its vowel and final.
 */
export function untelex(query: string): string | undefined {
  if (fold(query) !== query.toLowerCase()) return undefined;
  const plain = foldWords(query);
  const out = plain
    .split(' ')
    .map((w) =>
      w
        .replace(/dd/g, 'd')
        .replace(/([aeo])\1/g, '$1')
        .replace(/([aou])w/g, '$1')
        .replace(/w/g, 'u')
        .replace(/([aeiouycghmnpt])[sfrxj]$/, '$1')
        .replace(/([aeiouy])[sfrxj](ch|nh|ng|[cmnpt])$/, '$1$2'),
    )
    .join(' ');
  return out !== plain ? out : undefined;
}

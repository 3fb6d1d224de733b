// The public Art. 11.3 figures as open data (Q3): one CSV table for spreadsheets and one JSON
// document for programs, under CC BY 4.0, stated in both files (docs/open-data.md).
import { toCsv } from './model.ts';
import type { Figures, PublicStatistics } from './stats.ts';

export const LICENCE = {
  name: 'CC BY 4.0',
  title: 'Creative Commons Ghi công 4.0 Quốc tế',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
} as const;

/** The year a request asks for: four digits from 2000 to this year; this year without one. */
export function parseYear(raw: unknown, thisYear: number): { ok: true; year: number } | { ok: false; message: string } {
  if (raw === undefined || raw === '') return { ok: true, year: thisYear };
  const s = String(raw);
  if (!/^\d{4}$/.test(s) || Number(s) < 2000 || Number(s) > thisYear) return { ok: false, message: `Năm thống kê phải là một năm từ 2000 đến ${thisYear}, viết bằng 4 chữ số, ví dụ ${thisYear}.` };
  return { ok: true, year: Number(s) };
}

const rate = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const daysOf = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

function numbers(f: Figures) {
  return {
    onlineReceived: f.onlineReceived,
    onlineResolved: f.onlineResolved,
    resolvedOnTime: f.resolvedOnTime,
    onTimeRate: rate(f.onTimeRate),
    averageDays: daysOf(f.averageDays),
    counterReceived: f.counterReceived,
    offlineReceived: f.offlineReceived,
    totalReceived: f.totalReceived,
    ratings: f.satisfaction.overall.total,
    satisfiedRate: rate(f.satisfaction.overall.satisfiedRate),
  };
}

export const CSV_COLUMNS = [
  'Năm',
  'Loại',
  'Mã',
  'Tên',
  'Mã cơ quan giải quyết',
  'Cơ quan giải quyết',
  'Hồ sơ trực tuyến tiếp nhận',
  'Hồ sơ trực tuyến đã giải quyết',
  'Giải quyết đúng hạn',
  'Tỷ lệ đúng hạn',
  'Thời gian giải quyết trung bình (ngày)',
  'Hồ sơ tiếp nhận trực tiếp/bưu chính',
  'Hồ sơ trực tiếp ghi theo tháng (trước khi triển khai)',
  'Tổng hồ sơ tiếp nhận',
  'Lượt đánh giá',
  'Tỷ lệ hài lòng',
  'Giấy phép',
];

/** One table: the portal's total, then each agency, then each service; the licence on every row. */
export function openDataCsv(s: PublicStatistics, portalName: string): string {
  const row = (kind: string, code: string, name: string, agencyCode: string, agencyName: string, f: Figures) => {
    const n = numbers(f);
    return [s.year, kind, code, name, agencyCode, agencyName, n.onlineReceived, n.onlineResolved, n.resolvedOnTime, n.onTimeRate, n.averageDays, n.counterReceived, n.offlineReceived, n.totalReceived, n.ratings, n.satisfiedRate, LICENCE.name];
  };
  return toCsv(CSV_COLUMNS, [
    row('Toàn cổng', '', portalName, '', '', s.totals),
    ...s.agencies.map((a) => row('Cơ quan', a.code, a.name, '', '', a)),
    ...s.services.map((x) => row('Thủ tục', x.code, x.name, x.agencyCode, x.agencyName, x)),
  ]);
}

export function openDataJson(s: PublicStatistics, meta: { portalName: string; publisher: string; source: string; generatedAt: Date }) {
  return {
    title: `Tình hình giải quyết hồ sơ và mức độ hài lòng năm ${s.year} (Điều 11.3 Thông tư 32/2017/TT-BTTTT)`,
    publisher: meta.publisher,
    portal: meta.portalName,
    source: meta.source,
    licence: LICENCE,
    year: s.year,
    generatedAt: meta.generatedAt.toISOString(),
    fields: {
      onlineReceived: 'Hồ sơ trực tuyến đã tiếp nhận',
      onlineResolved: 'Hồ sơ trực tuyến đã giải quyết',
      resolvedOnTime: 'Hồ sơ trực tuyến giải quyết đúng hạn',
      onTimeRate: 'Tỷ lệ giải quyết đúng hạn (0–1; null khi chưa có hồ sơ giải quyết)',
      averageDays: 'Thời gian trung bình từ khi nộp đến khi giải quyết xong, ngày',
      counterReceived: 'Hồ sơ tiếp nhận trực tiếp tại bộ phận một cửa hoặc qua bưu chính, đếm từng hồ sơ',
      offlineReceived: 'Hồ sơ tiếp nhận trực tiếp do cơ quan ghi theo tháng (các tháng trước khi tiếp nhận từng hồ sơ)',
      totalReceived: 'Tổng hồ sơ tiếp nhận: trực tuyến, trực tiếp và bưu chính, và số ghi theo tháng',
      ratings: 'Số lượt đánh giá mức độ hài lòng',
      satisfiedRate: 'Tỷ lệ hài lòng và rất hài lòng (0–1; null khi chưa có đánh giá)',
    },
    totals: numbers(s.totals),
    agencies: s.agencies.map((a) => ({ code: a.code, name: a.name, ...numbers(a) })),
    services: s.services.map((x) => ({ code: x.code, name: x.name, agencyCode: x.agencyCode, agencyName: x.agencyName, ...numbers(x) })),
  };
}

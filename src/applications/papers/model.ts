// The one-stop papers (Circular 01/2018/TT-VPCP, Decree 61/2018 → 118/2025): which papers an
// application has, derived from what happened to it, who may read each, and what a printed paper
// is made of — pure rules, read by the store, the renderers and the routes (A3, A5).
import type { Channel } from '../../db/schema.ts';
import type { Status } from '../model.ts';

export type PaperKind = 'tiep-nhan' | 'bo-sung' | 'tu-choi' | 'xin-loi' | 'dung-xu-ly' | 'kiem-soat';
export const PAPER_KINDS: readonly PaperKind[] = ['tiep-nhan', 'bo-sung', 'tu-choi', 'xin-loi', 'dung-xu-ly', 'kiem-soat'];

/** Each paper's name as the circular gives it, and its form number. */
export const PAPERS: Record<PaperKind, { title: string; form: string }> = {
  'tiep-nhan': { title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', form: 'Mẫu số 01' },
  'bo-sung': { title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', form: 'Mẫu số 02' },
  'tu-choi': { title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', form: 'Mẫu số 03' },
  'xin-loi': { title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', form: 'Mẫu số 04' },
  'dung-xu-ly': { title: 'Thông báo dừng xử lý hồ sơ', form: '' },
  'kiem-soat': { title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', form: 'Mẫu số 05' },
};

/** What the papers are derived from: the application's events, requests, apology and hops. */
export interface PaperFacts {
  channel: Channel;
  submittedAt: Date;
  /** Status changes in order (the application's history). */
  history: readonly { status: Status; at: Date; note: string | null; kind: string | null }[];
  /** When each request to supplement was made, in order. */
  requests: readonly { requestedAt: Date }[];
  apologySentAt?: Date;
  hops: number;
}

/** One paper an application has; `slug` names it in its address (bo-sung, bo-sung-2 …). */
export interface PaperEntry {
  kind: PaperKind;
  slug: string;
  title: string;
  issuedAt: Date;
  /** The request to supplement it prints (1-based), for 'bo-sung'. */
  number?: number;
}

/** When the application was received: its first "Được tiếp nhận"; a counter or postal dossier is received when recorded. */
export function receivedAt(f: Pick<PaperFacts, 'channel' | 'submittedAt' | 'history'>): Date | undefined {
  const event = f.history.find((h) => h.status === 2 && h.kind !== 'apology');
  if (event) return event.at;
  return f.channel === 'truc-tuyen' ? undefined : f.submittedAt;
}

/** The last move to `status` (a refusal, a stop), with its reason. */
export function lastMoveTo(f: Pick<PaperFacts, 'history'>, status: Status): { at: Date; note: string | null } | undefined {
  return [...f.history].reverse().find((h) => h.status === status && h.kind !== 'apology');
}

const entry = (kind: PaperKind, issuedAt: Date, slug: string = kind, number?: number): PaperEntry => ({ kind, slug, title: PAPERS[kind].title, issuedAt, ...(number && { number }) });

/** The papers an application has now, in the order they were issued. */
export function papersOf(f: PaperFacts): PaperEntry[] {
  const out: PaperEntry[] = [];
  const received = receivedAt(f);
  if (received) out.push(entry('tiep-nhan', received));
  f.requests.forEach((r, i) => out.push(entry('bo-sung', r.requestedAt, i === 0 ? 'bo-sung' : `bo-sung-${i + 1}`, i + 1)));
  const refusal = lastMoveTo(f, 3);
  if (refusal) out.push(entry('tu-choi', refusal.at));
  if (f.apologySentAt) out.push(entry('xin-loi', f.apologySentAt));
  const stop = lastMoveTo(f, 8);
  if (stop) out.push(entry('dung-xu-ly', stop.at));
  // The control sheet follows the dossier from reception; it is the agency's own record.
  if (received || f.hops) out.push(entry('kiem-soat', received ?? f.submittedAt));
  return out.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
}

/** The paper a slug names among those the application has. */
export function paperBySlug(papers: readonly PaperEntry[], slug: string): PaperEntry | undefined {
  return papers.find((p) => p.slug === slug);
}

/** The applicant is given every paper addressed to them; the control sheet is the agency's. */
export function forApplicant(kind: PaperKind): boolean {
  return kind !== 'kiem-soat';
}

export type Outcome = 'truoc-han' | 'dung-han' | 'qua-han' | 'dang-xu-ly' | 'cham' | 'khong-han';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  'truoc-han': 'Trước hạn',
  'dung-han': 'Đúng hạn',
  'qua-han': 'Quá hạn',
  'dang-xu-ly': 'Đang xử lý',
  cham: 'Đang xử lý, đã quá hạn',
  'khong-han': '—',
};

/**
 * A step of the control sheet against its own deadline, by Vietnam days ('YYYY-MM-DD'): done
 * before the due day, on it, after it; or still open, late once today is past it.
 */
export function outcomeOf(due: string | null, doneDay: string | null, today: string): Outcome {
  if (!due) return doneDay ? 'khong-han' : 'dang-xu-ly';
  if (!doneDay) return today > due ? 'cham' : 'dang-xu-ly';
  return doneDay < due ? 'truoc-han' : doneDay === due ? 'dung-han' : 'qua-han';
}

/** A printed paper, whatever it is: drawn as PDF (pdf.ts) and as a printable page (views/paper.tsx). */
export interface PaperContent {
  /** "Mẫu số 01", at the top right; '' for none. */
  form: string;
  title: string;
  code: string;
  /** The line under the title; "Mã hồ sơ: …" unless given. */
  subtitle?: string;
  agencyName: string;
  /** "Ngày 05 tháng 12 năm 2026": the day it was issued, in Vietnam. */
  dated: string;
  addressee?: string;
  blocks: PaperBlock[];
  /** The signature block: who signs (the role), and their name when known. */
  signer: { role: string; name?: string | null };
  /** A link to look the application up, printed with its QR code (the receipt). */
  lookup?: { url: string; text: string };
  /** Wide tables print on a landscape page. */
  landscape?: boolean;
}

export type PaperBlock =
  | { kind: 'line'; label: string; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'list'; label: string; items: string[]; empty: string }
  | { kind: 'table'; caption: string; columns: { label: string; weight: number }[]; rows: string[][]; empty: string };

/** A table's columns from their headings, each with its share of the width: `columns({ 'Mã hồ sơ': 4.4, 'Người nộp': 2.4 })`. */
export function columns(widths: Readonly<Record<string, number>>): { label: string; weight: number }[] {
  return Object.entries(widths).map(([label, weight]) => ({ label, weight }));
}

/** "Ngày 05 tháng 12 năm 2026" of a Vietnam day 'YYYY-MM-DD'. */
export function datedLine(day: string): string {
  const [y, m, d] = day.split('-');
  return `Ngày ${d} tháng ${m} năm ${y}`;
}

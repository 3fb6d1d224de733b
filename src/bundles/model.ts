// The combined status of a bundle (tracked separately and together): each part's own status, and one
// status for the whole — done when every part is done, with the parts refused named with their reason.
import { STATUS_NAMES, type Status } from '../applications/index.ts';

/** A part as the citizen sees it: an application here, or a dossier handed to another system. */
export interface PartState {
  key: string;
  serviceName: string;
  agencyName: string;
  route: 'dvctt' | 'exchange';
  /** Inside dvctt: the application's code and status; through the exchange: none until the other system answers. */
  applicationCode: string | null;
  status: Status | null;
  dueDate: string | null;
  /** Why the part was refused or stopped (the officer's note), when it was. */
  reason: string | null;
}

/** Statuses of a part whose procedure is done (processed, or the result handed over). */
export const DONE: ReadonlySet<number> = new Set([9, 10]);
/** Statuses of a part that ended without a result: not received, stopped, withdrawn. */
export const ENDED_WITHOUT_RESULT: ReadonlySet<number> = new Set([3, 7, 8]);

export type CombinedKind = 'done' | 'processing' | 'ended';

export interface Combined {
  kind: CombinedKind;
  done: number;
  total: number;
  /** "Đang xử lý 2/3", "Đã hoàn thành 3/3", "Kết thúc: 1 thủ tục không được giải quyết". */
  label: string;
  /** The parts that ended without a result. */
  refused: PartState[];
}

export function partStatusName(p: Pick<PartState, 'route' | 'status'>): string {
  if (p.status) return STATUS_NAMES[p.status];
  return p.route === 'exchange' ? 'Đã chuyển sang hệ thống của cơ quan giải quyết' : 'Chưa có trạng thái';
}

/** One status for the whole bundle from its parts'. */
export function combinedStatus(parts: readonly Pick<PartState, 'status' | 'key' | 'serviceName' | 'agencyName' | 'route' | 'applicationCode' | 'dueDate' | 'reason'>[]): Combined {
  const total = parts.length;
  const done = parts.filter((p) => p.status !== null && DONE.has(p.status)).length;
  const refused = parts.filter((p) => p.status !== null && ENDED_WITHOUT_RESULT.has(p.status));
  if (done === total) return { kind: 'done', done, total, label: `Đã hoàn thành ${done}/${total}`, refused };
  // Every part has ended, some without a result: nothing more will happen to the bundle.
  if (done + refused.length === total) return { kind: 'ended', done, total, label: `Kết thúc: ${done}/${total} thủ tục hoàn thành, ${refused.length} thủ tục không được giải quyết`, refused };
  return { kind: 'processing', done, total, label: `Đang xử lý ${done}/${total}`, refused };
}

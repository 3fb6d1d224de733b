// The daily reconciliation (A3, P3): for each forwarded dossier, the status here beside the one
// the national portal reports; those that differ are listed (a push still on its way says so).
import type { ExchangeSettings } from '../config-exchange.ts';
import type { DB } from '../db/index.ts';
import { signedHeaders, statusPath } from './protocol.ts';
import { allDossiers, pushedStatuses } from './store.ts';

export interface Difference {
  dossierCode: string;
  applicationCode: string;
  here: number;
  /** The national portal's status; null when it does not know the dossier or did not answer. */
  there: number | null;
  /** A push of this dossier is still queued or failed. */
  pending: boolean;
}

export async function reconcile(db: DB, settings: ExchangeSettings): Promise<{ checked: number; differences: Difference[] }> {
  const dossiers = await allDossiers(db);
  const pushed = await pushedStatuses(db);
  const differences: Difference[] = [];
  for (const d of dossiers) {
    let there: number | null = null;
    try {
      const res = await fetch(`${settings.url}${statusPath(d.dossierCode)}`, { headers: signedHeaders(settings.secret, ''), signal: AbortSignal.timeout(10_000) });
      if (res.ok) there = Number(((await res.json()) as { trangThai?: unknown }).trangThai) || null;
    } catch {
      there = null;
    }
    const state = pushed.get(d.applicationCode)?.state;
    if (there !== d.status) differences.push({ dossierCode: d.dossierCode, applicationCode: d.applicationCode, here: d.status, there, pending: state === 'queued' || state === 'failed' });
  }
  return { checked: dossiers.length, differences };
}

/** The report `dvctt exchange-reconcile` prints. */
export function reconcileReport(r: { checked: number; differences: Difference[] }): string {
  const lines = [`Đối soát với Cổng Dịch vụ công quốc gia: ${r.checked} hồ sơ, ${r.differences.length} hồ sơ lệch trạng thái.`];
  for (const d of r.differences) lines.push(`  ${d.dossierCode} (${d.applicationCode}): tại đây ${d.here}, cổng quốc gia ${d.there ?? 'không rõ'}${d.pending ? ' — còn cập nhật đang chờ gửi' : ''}`);
  return `${lines.join('\n')}\n`;
}

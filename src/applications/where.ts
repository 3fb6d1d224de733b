// C1, A1: where an application goes. A procedure may be implemented by many agencies — every
// commune and ward for civil status, the public-service centre and its branches — and since
// 07/2025 a person may apply at any of them, not only their own. The picker lists them (the
// applicant's own commune first, searchable without accents); a submission names one, and its
// code, inbox, due date, notices, statistics and once-only reuse follow it.
import { communeOfAddress, effectiveAgency, implementationsOf, orderForApplicant, type Implementation } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import type { Problem } from '../web/problem.ts';

/** How many places a picker page lists at once; a search narrows a province's 3,300 communes. */
export const PICKER_LIMIT = 30;
/** The longest search a picker reads. */
export const PICKER_QUERY_MAX = 80;

// Folded as the catalog search folds (vn_fold): "Bac Nha Trang" finds "phường Bắc Nha Trang".
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

/** The place, among those implementing the procedure, that one of the addresses names (the first that names one). */
export function ownPlace(list: readonly Implementation[], addresses: readonly (string | null | undefined)[]): Implementation | undefined {
  const agencies = list.map((i) => i.agency);
  for (const text of addresses) {
    const a = communeOfAddress(agencies, text);
    if (a) return list.find((i) => i.agency.code === a.code);
  }
  return undefined;
}

export interface PickerList {
  /** The places shown, own commune first. */
  shown: Implementation[];
  /** How many places match the search (all of them without one). */
  matching: number;
  total: number;
  own?: Implementation;
  query: string;
}

/** Every word of the search occurs in the agency's name or address, accents and case aside. */
export function matches(i: Implementation, words: readonly string[]): boolean {
  const text = fold(`${i.agency.name} ${i.receivingAddress ?? i.agency.address ?? ''}`);
  return words.every((w) => text.includes(w));
}

/** The picker's list: the search applied, the applicant's own commune first, at most PICKER_LIMIT. */
export function pickerList(list: readonly Implementation[], q: string, own?: Implementation): PickerList {
  const query = q.trim().slice(0, PICKER_QUERY_MAX);
  const words = fold(query).split(/[^a-z0-9]+/).filter(Boolean);
  const found = orderForApplicant(words.length ? list.filter((i) => matches(i, words)) : list, own?.agency.code);
  return { shown: found.slice(0, PICKER_LIMIT), matching: found.length, total: list.length, own, query };
}

export type WhereProblem = Problem<'AGENCY_REQUIRED' | 'AGENCY_NOT_IMPLEMENTING' | 'AGENCY_OFFLINE' | 'NOT_ONLINE'>;

/**
 * The implementation an application goes to: the one named (an agency merged in the reform
 * stands for the one that replaced it), or the only one. Refused: several and none named, one
 * named that does not implement the procedure, or one taken offline (with its reason).
 */
export async function placeOfSubmission(db: DB, service: { code: string; name: string }, named: unknown): Promise<{ ok: true; place: Implementation } | { ok: false; problem: WhereProblem }> {
  const list = await implementationsOf(db, service.code);
  const asked = typeof named === 'string' ? named.trim().slice(0, 40) : '';
  let place: Implementation | undefined;
  if (!asked) {
    if (list.length !== 1) return { ok: false, problem: { code: 'AGENCY_REQUIRED', field: 'agency', params: { name: service.name, count: list.length } } };
    place = list[0];
  } else {
    place = list.find((i) => i.agency.code === asked);
    if (!place) {
      const current = await effectiveAgency(db, asked);
      place = current && list.find((i) => i.agency.code === current.code);
    }
    if (!place) return { ok: false, problem: { code: 'AGENCY_NOT_IMPLEMENTING', field: 'agency', params: { agency: asked, name: service.name } } };
  }
  if (!place!.online) return { ok: false, problem: { code: 'AGENCY_OFFLINE', field: 'agency', params: { agency: place!.agency.name, name: service.name, reason: place!.offlineReason ?? '' } } };
  if (place!.level < 3) return { ok: false, problem: { code: 'NOT_ONLINE', params: { name: `${service.name} (${place!.agency.name})`, level: place!.level } } };
  return { ok: true, place: place! };
}

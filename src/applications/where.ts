// C1, A1: where an application goes. A procedure may be implemented by many agencies — every
// commune and ward for civil status, the public-service centre and its branches — and since
// 07/2025 a person may apply at any of them, not only their own. The picker lists them (the
// applicant's own commune first, searchable without accents); a submission names one, and its
// code, inbox, due date, notices, statistics and once-only reuse follow it.
import { catalogVersion, communeOfAddress, effectiveAgency, implementationsOf, orderForApplicant, type Implementation } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { timeLimitHoursOf } from './calendar-store.ts';
import type { Problem } from '../web/problem.ts';

/** How many places a picker page lists at once; a search narrows a province's 3,300 communes. */
export const PICKER_LIMIT = 30;
/** The longest search a picker reads. */
export const PICKER_QUERY_MAX = 80;

// Folded as the catalog search folds (vn_fold): "Bac Nha Trang" finds "phường Bắc Nha Trang".
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

/**
 * A procedure's places for the picker, read again only when the catalog changed (every change to
 * a place bumps its version, on any instance) or after a short while (an offline period may
 * begin or end): a province's 3,300 communes are one query of 3,300 rows, and a picker is opened
 * far more often than a place changes. A submission reads them afresh (placeOfSubmission).
 */
const PLACES_FRESH_MS = 30_000;
const PLACES_KEPT = 500;
const placesCaches = new WeakMap<DB, Map<string, { at: number; version: string; list: Promise<Implementation[]> }>>();

export async function placesOf(db: DB, serviceCode: string, now = Date.now()): Promise<Implementation[]> {
  let cache = placesCaches.get(db);
  if (!cache) placesCaches.set(db, (cache = new Map()));
  const version = await catalogVersion(db);
  const kept = cache.get(serviceCode);
  if (kept && kept.version === version && now - kept.at < PLACES_FRESH_MS) return kept.list;
  const list = implementationsOf(db, serviceCode);
  cache.delete(serviceCode);
  if (cache.size >= PLACES_KEPT) cache.delete(cache.keys().next().value!);
  cache.set(serviceCode, { at: now, version, list });
  list.catch(() => cache.get(serviceCode)?.list === list && cache.delete(serviceCode));
  return list;
}

// Per list read: its agencies (communeOfAddress keeps its folded names per array) and each place's folded text.
const agenciesOf = new WeakMap<readonly Implementation[], Implementation['agency'][]>();
const foldedOf = new WeakMap<Implementation, string>();
const byNameOf = new WeakMap<readonly Implementation[], Implementation[]>();

/** The place, among those implementing the procedure, that one of the addresses names (the first that names one). */
export function ownPlace(list: readonly Implementation[], addresses: readonly (string | null | undefined)[]): Implementation | undefined {
  let agencies = agenciesOf.get(list);
  if (!agencies) agenciesOf.set(list, (agencies = list.map((i) => i.agency)));
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
  let text = foldedOf.get(i);
  if (text === undefined) foldedOf.set(i, (text = fold(`${i.agency.name} ${i.receivingAddress ?? i.agency.address ?? ''}`)));
  return words.every((w) => text.includes(w));
}

/** The picker's list: the search applied, the applicant's own commune first, at most PICKER_LIMIT. */
export function pickerList(list: readonly Implementation[], q: string, own?: Implementation): PickerList {
  const query = q.trim().slice(0, PICKER_QUERY_MAX);
  const words = fold(query).split(/[^a-z0-9]+/).filter(Boolean);
  // Sorted by name once per list read; the own commune is then moved to the front.
  let byName = byNameOf.get(list);
  if (!byName) byNameOf.set(list, (byName = orderForApplicant(list)));
  const hits = words.length ? byName.filter((i) => matches(i, words)) : byName;
  const found = own && hits.includes(own) ? [own, ...hits.filter((i) => i !== own)] : hits;
  return { shown: found.slice(0, PICKER_LIMIT), matching: found.length, total: list.length, own, query };
}

export type WhereProblem = Problem<'AGENCY_REQUIRED' | 'AGENCY_NOT_IMPLEMENTING' | 'AGENCY_OFFLINE' | 'NOT_ONLINE'>;

/**
 * The implementation an application goes to: the one named (an agency merged in the reform
 * stands for the one that replaced it), or the only one. Refused: several and none named, one
 * named that does not implement the procedure, or one taken offline (with its reason).
 */
export async function placeOfSubmission(db: DB, service: { code: string; name: string }, named: unknown, options: { counter?: boolean } = {}): Promise<{ ok: true; place: Implementation; timeLimitHours: number | null } | { ok: false; problem: WhereProblem }> {
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
  if (place!.level < 3 && !options.counter) return { ok: false, problem: { code: 'NOT_ONLINE', params: { name: `${service.name} (${place!.agency.name})`, level: place!.level } } };
  // A4: a time limit in working hours, where the place or the procedure sets one.
  return { ok: true, place: place!, timeLimitHours: await timeLimitHoursOf(db, service.code, place!.agency.code) };
}

// Whether an administrator may merge one account into another (S1, S5): a pure rule, unit-tested.
// The store (merge-store.ts) does the moving; the page (merge-routes.ts) asks this first.
import type { Problem } from '../web/problem.ts';
import { can, type Actor, type Role } from './model.ts';
import type { IdentityProblem } from './problems.ts';

/** What the rule needs to know of each account. */
export interface MergeSide {
  id: string;
  role: Role;
  kind: 'person' | 'business';
  agencyCode: string | null;
  idNumber: string | null;
  /** Already merged into another account (disabled). */
  merged: boolean;
}

/** At least this many characters of reason when the accounts do not share a personal identification number. */
export const MERGE_REASON_MIN = 10;

/**
 * The problem with merging `source` into `target`, or undefined when it may go ahead. Citizens'
 * accounts are merged by an administrator of a ministry or province (`topAdmin`), as their
 * passwords are reset; staff accounts by an administrator of both accounts' agencies.
 */
export function mergeProblem(actor: Actor, topAdmin: boolean, source: MergeSide | undefined, target: MergeSide | undefined, reason: string): Problem<IdentityProblem> | undefined {
  const inScope = (a: MergeSide | undefined) => !!a && (a.role === 'citizen' ? topAdmin : can(actor, 'staff.manage', { agencyCode: a.agencyCode }));
  if (!inScope(source)) return { code: 'MERGE_ACCOUNT_MISSING', field: 'source' };
  if (!inScope(target)) return { code: 'MERGE_ACCOUNT_MISSING', field: 'target' };
  const [s, t] = [source!, target!];
  if (s.id === t.id) return { code: 'MERGE_SAME', field: 'target' };
  if (s.merged) return { code: 'MERGE_DISABLED', field: 'source' };
  if (t.merged) return { code: 'MERGE_DISABLED', field: 'target' };
  if (s.role !== t.role || s.kind !== t.kind) return { code: 'MERGE_ROLES', field: 'target' };
  if (s.idNumber && t.idNumber && s.idNumber !== t.idNumber) return { code: 'MERGE_ID_NUMBERS_DIFFER', field: 'target' };
  const sameNumber = !!s.idNumber && s.idNumber === t.idNumber;
  if (!sameNumber && reason.trim().length < MERGE_REASON_MIN) return { code: 'MERGE_REASON_MISSING', field: 'reason' };
  return undefined;
}

// Where a part of a bundle goes. Inside dvctt it is an ordinary application of its service at its
// agency, made by the one submission use case (its own code, status, officer, due date). A part
// whose agency works in another system goes through the national exchange: `exchangeRoute` is the
// place that exchange fills (an outbound dossier queued in the bundle's own transaction); until then
// it records the part as handed over, with no status here. Both run inside the bundle's transaction:
// a refusal of any part leaves nothing stored.
import { submit, type StoredUpload, type SubmitDeps } from '../applications/index.ts';
import type { DB } from '../db/index.ts';
import type { Actor } from '../identity/index.ts';
import type { BundlePart } from './definition.ts';

/** One part to place, as the bundle's use case prepared it. */
export interface PartOrder {
  bundleCode: string;
  part: BundlePart;
  agencyCode: string;
  actor: Actor;
  /** The part's own answers (mapped from the bundle form). */
  answers: Record<string, unknown>;
  /** The bundle's files the part takes, named by the part's components. */
  uploads: StoredUpload[];
}

export type PartPlaced = { ok: true; applicationId: string | null; applicationCode: string | null; dueDate: string | null; externalRef: string | null };
/** The part's refusal as the submission use case gave it. */
export type PartRefused = { ok: false; refusal: Extract<Awaited<ReturnType<typeof submit>>, { ok: false }> };

export interface BundleRoute {
  readonly kind: 'dvctt' | 'exchange';
  place(trx: DB, order: PartOrder): Promise<PartPlaced | PartRefused>;
}

/** Inside dvctt: the submission use case, on the bundle's transaction. */
export function dvcttRoute(deps: SubmitDeps): BundleRoute {
  return {
    kind: 'dvctt',
    async place(trx, o) {
      const r = await submit({ ...deps, db: trx }, { actor: o.actor, serviceCode: o.part.service, answers: o.answers, uploads: o.uploads, agency: o.agencyCode });
      if (!r.ok) return { ok: false, refusal: r };
      return { ok: true, applicationId: r.submitted.id, applicationCode: r.submitted.code, dueDate: r.submitted.dueDate, externalRef: null };
    },
  };
}

/**
 * Outside dvctt: the national exchange's outbound path takes the part here (not yet wired; see
 * docs/bundles.md). The stub accepts the part without a reference: the bundle page shows it as
 * handed to the agency's own system.
 */
export const exchangeRoute: BundleRoute = {
  kind: 'exchange',
  async place() {
    return { ok: true, applicationId: null, applicationCode: null, dueDate: null, externalRef: null };
  },
};

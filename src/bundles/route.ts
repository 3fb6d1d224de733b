// Where a part of a bundle goes. Inside dvctt it is an ordinary application of its service at its
// agency, made by the one submission use case (its own code, status, officer, due date). A part
// whose agency works in another system ("route": "exchange" in the definition) goes through the
// national exchange: an outbound dossier queued on the 'lien-thong' channel in the bundle's own
// transaction, named "<bundle code>-<part key>"; its status comes back as a signed message
// (src/exchange, FORWARDED_STATUS_PATH). A refusal of any part leaves nothing stored.
import { submit, type StoredUpload, type SubmitDeps } from '../applications/index.ts';
import type { DB } from '../db/index.ts';
import type { Actor } from '../identity/index.ts';
import { forwardDossier, forwardedFiles } from '../exchange/index.ts';
import type { FileStore } from '../storage/index.ts';
import type { BundlePart } from './definition.ts';
import { idNumberOf } from './store.ts';

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

/** The reference of a part forwarded through the exchange: "LT-260105-483920-bhyt". */
export const forwardedRef = (bundleCode: string, partKey: string): string => `${bundleCode}-${partKey}`;

/**
 * Outside dvctt: the part's mapped answers and its papers (base64) with the bundle's code, queued
 * for the national portal in the bundle's transaction. No application here: the part's status is
 * the one the other system reports (docs/bundles.md).
 */
export function exchangeRoute(files: Pick<FileStore, 'read'>): BundleRoute {
  return {
    kind: 'exchange',
    async place(trx, o) {
      const ref = forwardedRef(o.bundleCode, o.part.key);
      await forwardDossier(trx, {
        dossierCode: ref,
        bundleCode: o.bundleCode,
        serviceCode: o.part.service,
        agencyCode: o.agencyCode,
        applicant: { fullName: o.actor.fullName, idNumber: await idNumberOf(trx, o.actor.id) },
        answers: o.answers,
        files: await forwardedFiles((key) => files.read(key), o.uploads),
      });
      return { ok: true, applicationId: null, applicationCode: null, dueDate: null, externalRef: ref };
    },
  };
}

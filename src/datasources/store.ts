// The person's log of national database uses (V4): written with the application that used the
// record, or when the e-form was filled from it; read on the person's usage page.
import type { DB } from '../db/index.ts';
import type { SourceCode } from './protocol.ts';

export interface SourceUse {
  ownerId: string;
  source: SourceCode;
  purpose: 'component' | 'prefill';
  subject: string;
  reference?: string | null;
  serviceCode?: string | null;
  componentId?: string | null;
  applicationId?: string | null;
  applicationCode?: string | null;
  agencyCode?: string | null;
}

export async function logSourceUse(db: DB, u: SourceUse): Promise<void> {
  await db
    .insertInto('datasource_use')
    .values({
      owner_id: u.ownerId,
      source: u.source,
      purpose: u.purpose,
      subject: u.subject.slice(0, 500),
      reference: u.reference?.slice(0, 200) ?? null,
      service_code: u.serviceCode ?? null,
      component_id: u.componentId ?? null,
      application_id: u.applicationId ?? null,
      application_code: u.applicationCode ?? null,
      agency_code: u.agencyCode ?? null,
    })
    .execute();
}

export interface SourceUseEntry {
  at: Date;
  source: SourceCode;
  purpose: 'component' | 'prefill';
  subject: string;
  reference: string | null;
  applicationCode: string | null;
  agencyName: string | null;
}

export async function sourceUsesOf(db: DB, ownerId: string, limit = 500): Promise<SourceUseEntry[]> {
  return db
    .selectFrom('datasource_use as u')
    .leftJoin('agency as g', 'g.code', 'u.agency_code')
    .select(['u.at', 'u.source', 'u.purpose', 'u.subject', 'u.reference', 'u.application_code as applicationCode', 'g.name as agencyName'])
    .where('u.owner_id', '=', ownerId)
    .orderBy('u.at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
}

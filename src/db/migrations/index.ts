// The ordered list of migrations. Listed here (not read from disk) so the same code runs from
// sources and from a bundle; a new migration is one import and one line.
import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-catalog.ts';
import * as m0003 from './0003-identity.ts';
import * as m0004 from './0004-oidc.ts';
import * as m0005 from './0005-applications.ts';
import * as m0006 from './0006-notices.ts';
import * as m0007 from './0007-ratings.ts';
import * as m0008 from './0008-form-drafts.ts';
import * as m0009 from './0009-attachments.ts';
import * as m0010 from './0010-payments-results.ts';
import * as m0011 from './0011-delivery.ts';
import * as m0012 from './0012-vault.ts';
import * as m0013 from './0013-guidance-faq-stats.ts';
import * as m0015 from './0015-rate-limits.ts';
import * as m0016 from './0016-inbox-indexes.ts';
import * as m0019 from './0019-deferred-statistics.ts';
import * as m0020 from './0020-search-synonyms.ts';
import * as m0021 from './0021-petitions.ts';
import * as m0022 from './0022-draft-files.ts';
import * as m0024 from './0024-oidc-consent.ts';
import * as m0025 from './0025-second-factor.ts';
import * as m0023 from './0023-sign-in-throttle.ts';
import * as m0026 from './0026-form-definitions.ts';
import * as m0027 from './0027-implementations.ts';
import * as m0028 from './0028-agency-memberships.ts';
import * as m0029 from './0029-draft-agency.ts';
import * as m0030 from './0030-back-office.ts';
import * as m0031 from './0031-counter-statistics.ts';
import * as m0032 from './0032-inbox-keyset.ts';
import * as m0034 from './0034-calendar-notify.ts';
import * as m0035 from './0035-signing-certificates.ts';
import * as m0036 from './0036-national-exchange.ts';
import * as m0037 from './0037-data-sources.ts';
import * as m0038 from './0038-paygov-receipts.ts';
import * as m0039 from './0039-bundles.ts';
import * as m0040 from './0040-bundle-exchange-status.ts';
import * as m0043 from './0043-page-notify.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-catalog': m0002,
  '0003-identity': m0003,
  '0004-oidc': m0004,
  '0005-applications': m0005,
  '0006-notices': m0006,
  '0007-ratings': m0007,
  '0008-form-drafts': m0008,
  '0009-attachments': m0009,
  '0010-payments-results': m0010,
  '0011-delivery': m0011,
  '0012-vault': m0012,
  '0013-guidance-faq-stats': m0013,
  '0015-rate-limits': m0015,
  '0016-inbox-indexes': m0016,
  '0019-deferred-statistics': m0019,
  '0020-search-synonyms': m0020,
  '0021-petitions': m0021,
  '0022-draft-files': m0022,
  '0024-oidc-consent': m0024,
  '0025-second-factor': m0025,
  '0023-sign-in-throttle': m0023,
  '0026-form-definitions': m0026,
  '0027-implementations': m0027,
  '0028-agency-memberships': m0028,
  '0029-draft-agency': m0029,
  '0030-back-office': m0030,
  '0031-counter-statistics': m0031,
  '0032-inbox-keyset': m0032,
  '0034-calendar-notify': m0034,
  '0035-signing-certificates': m0035,
  '0036-national-exchange': m0036,
  '0037-data-sources': m0037,
  '0038-paygov-receipts': m0038,
  '0039-bundles': m0039,
  '0040-bundle-exchange-status': m0040,
  '0043-page-notify': m0043,
};

// Scheduled maintenance notices (S6, Art. 11.2e): shown on every page from `shown_from` until the
// work ends. Scheduling enforces the one-working-day lead time at the operations layer.
import type { DB } from '../db/index.ts';
import type { Locale } from './i18n.ts';
import type { Notice } from './page-context.ts';

export async function activeNotices(db: DB, locale: Locale, now = new Date()): Promise<Notice[]> {
  const rows = await db
    .selectFrom('maintenance_notice')
    .select(['message_vi', 'message_en', 'starts_at', 'ends_at'])
    .where('shown_from', '<=', now)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    message: (locale === 'en' && r.message_en) || r.message_vi,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
}

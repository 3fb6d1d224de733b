// In-app notices (N1): written by the caller inside the transaction of the event that causes
// them (N2) — if the event rolls back, no notice exists; if it commits, the notice is there.
import type { DB } from '../db/index.ts';

export interface NewNotice {
  accountId: string;
  applicationCode?: string | null;
  title: string;
  body: string;
}

export async function addNotice(trx: DB, n: NewNotice): Promise<void> {
  await trx.insertInto('notice').values({ account_id: n.accountId, application_code: n.applicationCode ?? null, title: n.title, body: n.body }).execute();
}

export interface Notice {
  id: string;
  applicationCode: string | null;
  title: string;
  body: string;
  createdAt: Date;
  read: boolean;
}

export async function noticesOf(db: DB, accountId: string, limit = 100): Promise<Notice[]> {
  const rows = await db
    .selectFrom('notice')
    .select(['id', 'application_code as applicationCode', 'title', 'body', 'created_at as createdAt', 'read_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ read_at, ...r }) => ({ ...r, read: read_at !== null }));
}

export async function unreadCount(db: DB, accountId: string): Promise<number> {
  const row = await db.selectFrom('notice').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markAllRead(db: DB, accountId: string): Promise<void> {
  await db.updateTable('notice').set({ read_at: new Date() }).where('account_id', '=', accountId).where('read_at', 'is', null).execute();
}

// The SQL of merging two accounts of one person (S1, S5): everything the source account owns moves
// to the target in one transaction, and the source is disabled. Which tables hold an account is read
// from the database's catalog at run time (every foreign key that references account(id)), so a
// table added later moves too without changing this file. Rules of the move:
//   - a row that would collide with one of the target's (a unique key: per-account preferences, a
//     draft of the same service) is dropped, the target's kept, and counted;
//   - a table whose account column is part of a key other tables reference (form_draft, referenced
//     by draft_attachment) is copied first, its dependants moved, then its source rows deleted;
//   - credentials end rather than move (sessions, API tokens, reset links, second factor …);
//   - the audit log stays as written: it says who did what at the time.
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.ts';
import type { MergeSide } from './merge-model.ts';

/** A merged account: disabled for good (the schema has no column of its own for it). */
export const MERGED = sql<boolean>`coalesce(account.locked_until = 'infinity'::timestamptz, false)`;

/** One of the accounts was merged or removed between the check and the merge; nothing changed. */
export class MergeRaceError extends Error {
  constructor() {
    super('one of the accounts to merge was merged or removed meanwhile');
  }
}

/** Rows that are a way to act as the account: ended with the source, never given to the target. */
export const ENDED_ON_MERGE: ReadonlySet<string> = new Set([
  'session',
  'api_token',
  'password_reset',
  'pending_sign_in',
  'sign_in_code',
  'account_totp',
  'account_recovery_code',
]);

/** Rows that record what happened and who did it then: left as they are. */
export const KEPT_ON_MERGE: ReadonlySet<string> = new Set(['audit_log']);

/** The account's own columns the target takes from the source when it has none (unique ones are cleared on the source first). */
const TAKEN_COLUMNS = ['email', 'phone', 'id_number', 'oidc_issuer', 'oidc_subject', 'password_hash', 'date_of_birth', 'tax_code', 'representative', 'permanent_address', 'current_address'] as const;

interface Reference {
  schema: string;
  table: string;
  column: string;
}

interface Dependant extends Reference {
  /** The table (and its account column) whose key this one references. */
  parent: string;
  parentColumn: string;
}

/** Every single-column foreign key to account(id), from the catalog. */
async function accountReferences(trx: DB): Promise<Reference[]> {
  const { rows } = await sql<Reference>`
    SELECT ns.nspname AS schema, rel.relname AS table, att.attname AS column
    FROM pg_constraint c
    JOIN pg_class rel ON rel.oid = c.conrelid
    JOIN pg_namespace ns ON ns.oid = rel.relnamespace
    JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'account'::regclass AND cardinality(c.conkey) = 1
    ORDER BY rel.relname, att.attname`.execute(trx);
  return rows;
}

/** Foreign keys (of any width) that reference a key including one of `refs`' account columns. */
async function dependants(trx: DB, refs: Reference[]): Promise<Dependant[]> {
  if (!refs.length) return [];
  const { rows } = await sql<Dependant>`
    SELECT cns.nspname AS schema, child.relname AS table, catt.attname AS column, parent.relname AS parent, patt.attname AS "parentColumn"
    FROM pg_constraint c
    JOIN pg_class child ON child.oid = c.conrelid
    JOIN pg_namespace cns ON cns.oid = child.relnamespace
    JOIN pg_class parent ON parent.oid = c.confrelid
    JOIN pg_namespace pns ON pns.oid = parent.relnamespace
    CROSS JOIN LATERAL generate_subscripts(c.confkey, 1) AS i
    JOIN pg_attribute patt ON patt.attrelid = c.confrelid AND patt.attnum = c.confkey[i]
    JOIN pg_attribute catt ON catt.attrelid = c.conrelid AND catt.attnum = c.conkey[i]
    WHERE c.contype = 'f' AND c.confrelid <> 'account'::regclass
      AND (pns.nspname, parent.relname, patt.attname) IN (${sql.join(refs.map((r) => sql`(${r.schema}, ${r.table}, ${r.column})`))})
    ORDER BY child.relname`.execute(trx);
  return rows;
}

/** The columns an INSERT … SELECT may copy (not generated, not identity ALWAYS). */
async function copyableColumns(trx: DB, r: Reference): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = ${r.schema} AND table_name = ${r.table} AND is_generated = 'NEVER' AND coalesce(identity_generation, '') <> 'ALWAYS'
    ORDER BY ordinal_position`.execute(trx);
  return rows.map((c) => c.name);
}

const table = (r: Reference): RawBuilder<unknown> => sql.id(r.schema, r.table);

const uniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * Moves `column` from `from` to `to` in one table: at once when nothing collides, else row by row,
 * each in a savepoint, dropping the rows that collide with the target's. Returns [moved, dropped].
 */
async function moveRows(trx: DB, r: Reference, from: string, to: string): Promise<[number, number]> {
  await sql`SAVEPOINT merge_table`.execute(trx);
  try {
    const res = await sql`UPDATE ${table(r)} SET ${sql.id(r.column)} = ${to} WHERE ${sql.id(r.column)} = ${from}`.execute(trx);
    await sql`RELEASE SAVEPOINT merge_table`.execute(trx);
    return [Number(res.numAffectedRows ?? 0), 0];
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT merge_table`.execute(trx);
    if (!uniqueViolation(err)) throw err;
  }
  const { rows } = await sql<{ at: string }>`SELECT ctid::text AS at FROM ${table(r)} WHERE ${sql.id(r.column)} = ${from}`.execute(trx);
  let moved = 0;
  let dropped = 0;
  for (const { at } of rows) {
    await sql`SAVEPOINT merge_row`.execute(trx);
    try {
      await sql`UPDATE ${table(r)} SET ${sql.id(r.column)} = ${to} WHERE ctid = ${at}::tid`.execute(trx);
      await sql`RELEASE SAVEPOINT merge_row`.execute(trx);
      moved++;
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT merge_row`.execute(trx);
      if (!uniqueViolation(err)) throw err;
      // The target has its own row for the same key: keep the target's.
      await sql`DELETE FROM ${table(r)} WHERE ctid = ${at}::tid`.execute(trx);
      dropped++;
    }
  }
  return [moved, dropped];
}

export interface MergeReport {
  /** Rows given to the target, per "table.column". */
  moved: Record<string, number>;
  /** Rows dropped because the target had its own for the same key. */
  dropped: Record<string, number>;
  /** Credentials of the source that ended. */
  ended: Record<string, number>;
  /** The source's own details the target took, having none (names of columns). */
  taken: string[];
}

/** One side of a merge as the rule sees it, by username. */
export async function mergeSide(db: DB, username: string): Promise<(MergeSide & { username: string; fullName: string }) | undefined> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'username', 'full_name', 'role', 'kind', 'agency_code', 'id_number', MERGED.as('merged')])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { id: row.id, username: row.username, fullName: row.full_name, role: row.role, kind: row.kind, agencyCode: row.agency_code, idNumber: row.id_number, merged: row.merged };
}

/**
 * Merges the account `sourceId` into `targetId` in one transaction (see the head of this file) and
 * disables the source: no password, no provider link, no contact, `locked_until` infinity.
 * `andThen` (the audit rows) runs in the same transaction with the report.
 */
export async function mergeAccounts(db: DB, sourceId: string, targetId: string, andThen: (trx: DB, report: MergeReport) => Promise<void>): Promise<MergeReport> {
  return db.transaction().execute(async (trx) => {
    // Both rows locked, in one order, so two merges of the same accounts wait for each other.
    const locked = await trx.selectFrom('account').selectAll().select(MERGED.as('merged')).where('id', 'in', [sourceId, targetId]).orderBy('id').forUpdate().execute();
    const source = locked.find((a) => a.id === sourceId);
    const target = locked.find((a) => a.id === targetId);
    if (!source || !target || source.merged || target.merged) throw new MergeRaceError();

    const report: MergeReport = { moved: {}, dropped: {}, ended: {}, taken: [] };
    const count = (into: Record<string, number>, r: Reference, n: number) => n && (into[`${r.table}.${r.column}`] = (into[`${r.table}.${r.column}`] ?? 0) + n);

    const refs = (await accountReferences(trx)).filter((r) => r.table !== 'account' && !KEPT_ON_MERGE.has(r.table));
    for (const r of refs.filter((r) => ENDED_ON_MERGE.has(r.table))) {
      const res = await sql`DELETE FROM ${table(r)} WHERE ${sql.id(r.column)} = ${sourceId}`.execute(trx);
      count(report.ended, r, Number(res.numAffectedRows ?? 0));
    }
    const moving = refs.filter((r) => !ENDED_ON_MERGE.has(r.table));
    const deps = await dependants(trx, moving);
    const parents = moving.filter((r) => deps.some((d) => d.parent === r.table && d.parentColumn === r.column));

    // Keys others reference: copy the source's rows to the target (the target's win), move the
    // dependants onto the copies, then delete the source's rows.
    for (const p of parents) {
      const columns = await copyableColumns(trx, p);
      const values = columns.map((c) => (c === p.column ? sql`${targetId}::uuid` : sql.id(c)));
      const res = await sql`INSERT INTO ${table(p)} (${sql.join(columns.map((c) => sql.id(c)))})
        SELECT ${sql.join(values)} FROM ${table(p)} WHERE ${sql.id(p.column)} = ${sourceId} ON CONFLICT DO NOTHING`.execute(trx);
      count(report.moved, p, Number(res.numAffectedRows ?? 0));
    }
    for (const d of deps) {
      const [moved, dropped] = await moveRows(trx, d, sourceId, targetId);
      count(report.moved, d, moved);
      count(report.dropped, d, dropped);
    }
    for (const p of parents) {
      const left = await sql`DELETE FROM ${table(p)} WHERE ${sql.id(p.column)} = ${sourceId}`.execute(trx);
      const copied = report.moved[`${p.table}.${p.column}`] ?? 0;
      count(report.dropped, p, Number(left.numAffectedRows ?? 0) - copied);
    }
    for (const r of moving.filter((r) => !parents.includes(r))) {
      const [moved, dropped] = await moveRows(trx, r, sourceId, targetId);
      count(report.moved, r, moved);
      count(report.dropped, r, dropped);
    }

    // The source's own details the target lacks; unique ones leave the source first.
    const taken = TAKEN_COLUMNS.filter((c) => source[c] !== null && target[c] === null && !(c === 'oidc_subject' && target.oidc_issuer !== null));
    if (taken.includes('oidc_subject') && !taken.includes('oidc_issuer')) taken.splice(taken.indexOf('oidc_subject'), 1);
    await trx
      .updateTable('account')
      .set({ password_hash: null, email: null, phone: null, id_number: null, oidc_issuer: null, oidc_subject: null, locked_until: sql<Date>`'infinity'::timestamptz`, updated_at: new Date() })
      .where('id', '=', sourceId)
      .execute();
    if (taken.length) {
      await trx
        .updateTable('account')
        .set(Object.fromEntries([...taken.map((c) => [c, source[c]]), ['updated_at', new Date()]]))
        .where('id', '=', targetId)
        .execute();
    }
    report.taken = [...taken];
    await andThen(trx, report);
    return report;
  });
}

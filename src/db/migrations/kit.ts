// Column groups that more than one migration declares alike (not a migration: index.ts lists those).
// A migration that has run keeps its schema: a change here comes with a migration that alters the
// tables already made with it.
import { sql, type CreateTableBuilder } from 'kysely';

/** A column's type as addColumn takes it: a name ('text', 'timestamptz') or sql`text[]`. */
type DataTypeExpression = Parameters<CreateTableBuilder<string, string>['addColumn']>[1];

/** A stored file (storage's FileRef) as a row keeps it: key, digest, size, kind by content, media type, the sender's name, and when it came. */
export function fileColumns<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}

/** When the row was made: `created_at`, now unless given. */
export function createdAt<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}

/** When the row last changed: `updated_at`, now unless given. */
export function updatedAt<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));
}

/** The account a row belongs to (`account_id`), gone with the account. */
export function accountOwned<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'));
}

/** A row found by the SHA-256 of a token someone holds (`token_hash`: the token itself is never stored), of an account (`account_id`, gone with the account). */
export function accountToken<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('token_hash', 'text', (c) => c.primaryKey()).$call(accountOwned);
}

/** The application a row belongs to (`application_id`), gone with the application. */
export function applicationOwned<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id').onDelete('cascade'));
}

/** A row that holds for a while: when it was made (`created_at`, now unless given) and until when (`expires_at`). */
export function expiring<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.$call(createdAt).addColumn('expires_at', 'timestamptz', (c) => c.notNull());
}

/** Who did it (`actor_id`, kept empty once the account is gone) and their name as it was then (`actor_name`). */
export function actedBy<TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) {
  return t.addColumn('actor_id', 'uuid', (c) => c.references('account.id').onDelete('set null')).addColumn('actor_name', 'text');
}

/** Columns that must hold a value, in the order given: `required({ name: 'text', day: 'date' })`. */
export function required(columns: Record<string, DataTypeExpression>) {
  return <TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) => {
    let table: CreateTableBuilder<TB, string> = t;
    for (const [name, type] of Object.entries(columns)) table = table.addColumn(name, type, (c) => c.notNull());
    return table;
  };
}

/** Columns that may stay empty, in the order given: `optional({ phone: 'text', paid_at: 'timestamptz' })`. */
export function optional(columns: Record<string, DataTypeExpression>) {
  return <TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) => {
    let table: CreateTableBuilder<TB, string> = t;
    for (const [name, type] of Object.entries(columns)) table = table.addColumn(name, type);
    return table;
  };
}

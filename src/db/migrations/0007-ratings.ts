import { sql, type Kysely } from 'kysely';
import { createdAt, updatedAt } from './kit.ts';

// Q2: one satisfaction rating per finished application.
export async function up(db: Kysely<unknown>): Promise<void> {
  const level = (c: string) => sql.raw(`${c} IN ('rat-hai-long', 'hai-long', 'chua-hai-long')`);
  await db.schema
    .createTable('rating')
    .addColumn('application_id', 'uuid', (c) => c.primaryKey().references('application.id').onDelete('cascade'))
    .addColumn('overall', 'text', (c) => c.notNull().check(level('overall')))
    .addColumn('convenience', 'text', (c) => c.check(level('convenience')))
    .addColumn('timeliness', 'text', (c) => c.check(level('timeliness')))
    .addColumn('attitude', 'text', (c) => c.check(level('attitude')))
    .addColumn('comment', 'text')
    .$call(createdAt)
    .$call(updatedAt)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rating').execute();
}

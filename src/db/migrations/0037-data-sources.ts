import { sql, type Kysely } from 'kysely';
import { optional } from './kit.ts';

// V4, Art. 15.3: each use of a national database for a person — a dossier component it stood in
// for, or the e-form's fields it filled — in the person's usage log: which database, what was
// taken (its reference there), for which application and agency, when.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datasource_use')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('dan-cu', 'ho-tich', 'ket-qua-so')`))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('component', 'prefill')`))
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`length(subject) BETWEEN 1 AND 500`))
    .$call(optional({ reference: 'text', service_code: 'text', component_id: 'text' }))
    .addColumn('application_id', 'uuid', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('application_code', 'text')
    .addColumn('agency_code', 'text', (c) => c.references('agency.code'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('datasource_use_component', sql`purpose <> 'component' OR (component_id IS NOT NULL AND application_id IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('datasource_use_owner').on('datasource_use').columns(['owner_id', 'at']).execute();
  await db.schema.createIndex('datasource_use_application').on('datasource_use').column('application_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('datasource_use').execute();
}

// Demo data (P7): loaded once, on the first start of an empty database, so a visitor can walk
// through the guidance's examples. Each domain adds its part to DEMO_STEPS.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { seedCatalogDemo } from './catalog/index.ts';
import { seedDemoAccounts } from './identity/index.ts';
import { seedWorkflowDemo } from './applications/index.ts';
import { seedFeedbackDemo } from './feedback/index.ts';
import { seedFormsDemo } from './forms/index.ts';
import { seedPetitionsDemo } from './petitions/index.ts';
import type { DB } from './db/index.ts';

interface DemoStep {
  name: string;
  run(db: DB): Promise<void>;
}

const DEMO_STEPS: DemoStep[] = [
  { name: 'catalog', run: seedCatalogDemo },
  { name: 'forms', run: seedFormsDemo },
  { name: 'accounts', run: seedDemoAccounts },
  { name: 'workflow: heads, leaders and a unit to transfer to', run: seedWorkflowDemo },
  { name: 'guidance and FAQ', run: seedFeedbackDemo },
  { name: 'petitions', run: seedPetitionsDemo },
];

const MARK = 'demo-data';

/** Loads the demo data unless it was loaded before (or `force`). Returns whether it ran. */
export async function seedDemo(db: DB, logger: Pick<Logger, 'info'>, options: { force?: boolean } = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // One loader at a time, even with several instances starting together.
    await sql`SELECT pg_advisory_xact_lock(hashtext('dvctt-demo-seed'))`.execute(trx);
    const done = await trx.selectFrom('meta').select('value').where('key', '=', MARK).executeTakeFirst();
    if (done && !options.force) {
      // Forms are data since migration 0026: a demo loaded before gets the demo's forms, and any new
      // ones, on each start; the import leaves every version it already has as it is.
      await seedFormsDemo(trx);
      return false;
    }
    for (const step of DEMO_STEPS) {
      logger.info({ step: step.name }, 'loading demo data');
      await step.run(trx);
    }
    await trx
      .insertInto('meta')
      .values({ key: MARK, value: JSON.stringify({ loadedAt: new Date().toISOString(), steps: DEMO_STEPS.map((s) => s.name) }) })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: new Date() })))
      .execute();
    return true;
  });
}

// The 700-field form of bench/forms.ts as data (F1): published in PostgreSQL and read through the
// form library, as every request of the portal reads it. Measures the first read of the version
// (query + loader), then per request the lookup of the service's form (memory, with the stamp
// re-checked every 500 ms when not listening) followed by the same render and validation as
// bench/forms.ts. `node --import tsx bench/forms-stored.ts` runs it alone on an embedded database.
import { Kysely, PostgresDialect } from 'kysely';
import { createPool, type Database } from '../src/db/index.ts';
import { importDefinition } from '../src/forms/definitions-store.ts';
import { createFormLibrary, type FormLibrary } from '../src/forms/library.ts';
import { answersFromFormBody, formBodyFromAnswers, validateAnswers } from '../src/forms/validate.ts';
import { EFormPage } from '../src/forms/views/eform.tsx';
import { renderPage } from '../src/web/render.ts';
import { dbTarget, freshDatabase } from '../test/helpers/db.ts';
import { context, generatedForm } from './forms.ts';

async function timed(n: number, fn: () => Promise<void>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(n / 2)]!, p95: times[Math.floor(n * 0.95)]! };
}

export async function benchStoredForms(): Promise<string[]> {
  const database = await freshDatabase(await dbTarget('embedded'));
  const pool = createPool(database.url, 5);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const { def, answers } = generatedForm();
  const code = def.services[0]!;
  const stored = await importDefinition(db, def);
  if (!stored.ok) throw new Error(JSON.stringify(stored.problem));
  const service = { code, name: 'Thủ tục thử' };
  const assets = { script: '/assets/forms/eform.js', style: '/assets/forms/eform.css', definition: '/assets/forms/dinh-nghia/bench-700-1.json' };
  const body = Object.fromEntries(formBodyFromAnswers(def, answers));
  const rows: string[] = [];
  const ms = (x: number) => x.toFixed(1);
  try {
    // The first read: one query and the loader's checks, once per version and instance.
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) {
      const forms = createFormLibrary(db);
      const t = performance.now();
      await forms.byVersion('bench-700@1');
      cold.push(performance.now() - t);
      await forms.close();
    }
    cold.sort((a, b) => a - b);
    rows.push(`| first read of the version from PostgreSQL (query + loader; once per version and instance) | ${ms(cold[10]!)} | ${ms(cold[18]!)} | |`);
    // The same work on the definition held in memory, as bench/forms.ts measures it, in this run's conditions.
    const render = await timed(50, async () => {
      renderPage(EFormPage({ ctx: context(), def, service, raw: answers, assets }));
    });
    const validate = await timed(200, async () => {
      validateAnswers(def, answersFromFormBody(def, body));
    });
    rows.push(`| in memory (as bench/forms.ts): server render of the whole form | ${ms(render.median)} | ${ms(render.p95)} | ≤ 20 |`);
    rows.push(`| in memory (as bench/forms.ts): validation of a complete submission | ${ms(validate.median)} | ${ms(validate.p95)} | ≤ 5 |`);
    for (const [label, forms] of [
      ['listening on dvctt_forms', createFormLibrary(db, { listen: pool.options })],
      ['not listening (stamp every 500 ms)', createFormLibrary(db)],
    ] as [string, FormLibrary][]) {
      await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection is up
      const lookup = await timed(2000, async () => {
        await forms.forService(code);
      });
      const render = await timed(50, async () => {
        const d = (await forms.forService(code))!;
        renderPage(EFormPage({ ctx: context(), def: d, service, raw: answers, assets }));
      });
      const validate = await timed(200, async () => {
        const d = (await forms.forService(code))!;
        const r = validateAnswers(d, answersFromFormBody(d, body));
        if (Object.keys(r.errors).length) throw new Error('the generated answers are invalid');
      });
      rows.push(`| ${label}: forService alone | ${lookup.median.toFixed(3)} | ${lookup.p95.toFixed(3)} | |`);
      rows.push(`| ${label}: forService + server render of the whole form | ${ms(render.median)} | ${ms(render.p95)} | ≤ 20 |`);
      rows.push(`| ${label}: forService + validation of a complete submission | ${ms(validate.median)} | ${ms(validate.p95)} | ≤ 5 |`);
      await forms.close();
    }
  } finally {
    await db.destroy();
    await database.drop();
  }
  return rows;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows = await benchStoredForms();
  process.stdout.write(`\nE-form engine, 700 fields, read from PostgreSQL through the form library\n| measure | median ms | p95 ms | target ms |\n|---|---|---|---|\n${rows.join('\n')}\n`);
  process.exit(0);
}

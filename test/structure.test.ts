// The code keeps the shape docs/architecture.md describes: every route that serves a person
// declares its gate, and routes hold no SQL. Checked over the source text, so a new route that
// forgets either is caught before it runs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SRC = path.join(import.meta.dirname, '..', 'src');

function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Each `app.get(…)`/`app.post(…)` call of a file, with its line, up to its closing parenthesis. */
function routeCalls(text: string): { line: number; call: string }[] {
  const calls: { line: number; call: string }[] = [];
  for (const m of text.matchAll(/\bapp\.(get|post|put|delete|patch)\b(<[^(]*?>)?\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    while (depth > 0 && i < text.length) {
      const c = text[i]!;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (c === "'" || c === '"' || c === '`') {
        for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      }
      i++;
    }
    calls.push({ line: text.slice(0, m.index).split('\n').length, call: text.slice(m.index, i) });
  }
  return calls;
}

const relative = (file: string) => path.relative(path.join(SRC, '..'), file);

test('every route that reads the signed-in person with actorOf() declares its gate as a preHandler', () => {
  const ungated = sources().flatMap((file) =>
    routeCalls(readFileSync(file, 'utf8'))
      .filter((r) => r.call.includes('actorOf(req)') && !r.call.includes('preHandler'))
      .map((r) => `${relative(file)}:${r.line}`),
  );
  assert.deepEqual(ungated, [], 'these routes would answer 500 to a visitor instead of the sign-in page');
});

test('route files hold no SQL: they call their module’s store', () => {
  const withSql = sources()
    .filter((file) => /routes\.tsx?$/.test(file))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => (/\.(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(line) ? `${relative(file)}:${i + 1}` : ''))
        .filter(Boolean),
    );
  assert.deepEqual(withSql, []);
});

test('no source file is over 450 lines, except the generated database types', () => {
  const generated = new Set(['src/db/schema.ts']);
  const long = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => path.join(SRC, name))
    .filter((file) => !generated.has(relative(file).split(path.sep).join('/')))
    .map((file) => ({ file: relative(file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > 450)
    .map((f) => `${f.file}: ${f.lines} dòng`);
  assert.deepEqual(long, [], 'split these along their seams');
});

/**
 * Page POSTs with no body schema, and why. Each reads a multipart body as a stream, checking the
 * CSRF token as the first part and every field and file as it comes (applications/upload.ts), so
 * there is no parsed body for a schema to check.
 */
const NO_BODY_SCHEMA: Record<string, string> = {
  'POST /dich-vu-cong/:code/thanh-phan-ho-so': 'the files step: a multipart stream, each part checked by readMultipart',
  'POST /ho-so/:code/bo-sung': 'the supplement: a multipart stream, each part checked by readMultipart',
  'POST /can-bo/tiep-nhan': 'counter intake: the dossier with its scans, a multipart stream, each part checked by readMultipart',
  'POST /lien-thong/:slug/nop': 'the bundle form: the answers with the papers, a multipart stream, each part checked by readMultipart',
};

/**
 * Page POSTs whose schema is being written with their module and is not here yet: listed so the
 * rest is held to the rule meanwhile; an entry that gains its schema needs no change here.
 */
const SCHEMA_TO_COME: Record<string, string> = {
  'POST /quan-tri/bieu-mau/:id/xem-truoc': 'the form designer’s preview of a draft e-form (open: the draft’s own answers), with the designer’s body schemas',
};

test('every page POST declares its body schema, as the API routes do (S7)', async () => {
  const pg = await import('pg');
  const { Kysely, PostgresDialect } = await import('kysely');
  const { buildApp } = await import('../src/app.ts');
  const { testConfig } = await import('./helpers/app.ts');
  // Building the app registers every route without asking the database anything.
  const db = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.default.Pool({ host: '127.0.0.1', port: 9, connectionTimeoutMillis: 50 }) }) });
  const posts: string[] = [];
  const app = await buildApp({
    config: testConfig(),
    db: db as never,
    logger: false,
    // Only registering routes: no form is ever read.
    forms: { close: async () => {} } as never,
    onRoute: (route) => {
      const methods = [route.method].flat();
      if (methods.includes('POST') && !route.url.startsWith('/api/') && !route.schema?.body) posts.push(`POST ${route.url}`);
    },
  });
  await app.ready();
  await app.close();
  await db.destroy();
  const missing = posts.filter((p) => !(p in NO_BODY_SCHEMA) && !(p in SCHEMA_TO_COME));
  assert.deepEqual(missing, [], `page POSTs without schema: { body: pageBody(…) } (src/web/page-body.ts):\n${missing.join('\n')}`);
  for (const known of Object.keys(NO_BODY_SCHEMA)) assert.ok(posts.includes(known), `${known} is still a route without a body schema (or drop it from the list)`);
});

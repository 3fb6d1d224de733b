// P6: two portal processes on one PostgreSQL serve the same portal. A whole journey alternates
// between them: sessions, tokens, application codes, officers' actions, the public lookup and the
// maintenance banner work whichever instance answers.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { LOOKUP_LIMIT } from '../src/applications/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { DEMO_PASSWORD } from '../src/identity/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { freePort, startPortal, type Portal } from './helpers/process.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const ANSWERS = demoDefinition(PHARMACIST)!.example as Record<string, unknown>;
const PASSWORD = DEMO_PASSWORD;

/** A browser's cookies over real HTTP. */
class Browser {
  cookies = new Map<string, string>();
  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string): Promise<Response> {
    const res = await fetch(url, { headers: { cookie: this.header }, redirect: 'manual' });
    this.keep(res);
    return res;
  }
  async post(url: string, fields: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { cookie: this.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describeEachDatabase('two instances on one database', (get) => {
  let dataDir: string;
  const portals: Portal[] = [];
  const base: string[] = [];
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-multi-'));
    // The first instance migrates and loads the demo data; the second finds both done.
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      portals.push(await startPortal({ DATABASE_URL: get().url, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }));
      base.push(`http://127.0.0.1:${port}`);
    }
  });
  after(async () => {
    for (const p of portals) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  const at = (i: number) => base[i % 2]!;

  test('a session opened on one instance is signed in on the other, and signing out on the other ends it', async () => {
    const browser = new Browser();
    const form = await browser.get(`${at(0)}/dang-nhap`);
    const signIn = await browser.post(`${at(0)}/dang-nhap`, { _csrf: csrfOf(await form.text()), login: 'congdan', password: PASSWORD });
    assert.equal(signIn.status, 303);
    const mine = await browser.get(`${at(1)}/ho-so`);
    assert.equal(mine.status, 200);
    assert.match(await mine.text(), /Nguyễn Văn An/);
    const profile = await browser.get(`${at(1)}/tai-khoan`);
    const out = await browser.post(`${at(1)}/dang-xuat`, { _csrf: csrfOf(await profile.text()) });
    assert.equal(out.status, 303);
    const after = await fetch(`${at(0)}/ho-so`, { headers: { cookie: `${[...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}` }, redirect: 'manual' });
    assert.equal(after.status, 303, 'signed out everywhere');
  });

  test('submissions alternating between instances get unique consecutive codes; officers act on either', async () => {
    const token = async (i: number, username: string) =>
      ((await (await fetch(`${at(i)}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })).json()) as { token: string }).token;
    const citizen = await token(0, 'congdan');
    const officer = await token(1, 'canbo.syt');
    const submit = (i: number) => {
      const sent = apiSubmission({ authorization: `Bearer ${citizen}` }, PHARMACIST, ANSWERS);
      return fetch(`${at(i)}${sent.url}`, { method: 'POST', headers: sent.headers, body: new Uint8Array(sent.payload) });
    };
    const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => submit(i)));
    assert.ok(responses.every((r) => r.status === 201));
    const codes = await Promise.all(responses.map(async (r) => ((await r.json()) as { code: string }).code));
    assert.equal(new Set(codes).size, 16);
    const numbers = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 16 }, (_, i) => numbers[0]! + i), 'no gap and no duplicate');

    const code = codes[0]!;
    const moved = await fetch(`${at(0)}/api/v1/applications/${code}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 2, note: 'Đủ thành phần' }),
    });
    assert.equal(moved.status, 200, await moved.clone().text());
    const seen = await fetch(`${at(1)}/api/v1/applications/${code}`, { headers: { authorization: `Bearer ${citizen}` } });
    assert.equal(((await seen.json()) as { status: number }).status, 2);
    const lookup = await fetch(`${at(1)}/api/v1/lookup?code=${encodeURIComponent(code)}&check=5678`);
    assert.equal(lookup.status, 200);
    assert.equal(((await lookup.json()) as { status: number }).status, 2);
  });

  test('the public lookup limit is one allowance per visitor, whichever instance answers', async () => {
    // A fixed one-minute window: if the minute turns during the burst, the burst is repeated.
    for (let attempt = 0; attempt < 3; attempt++) {
      const minute = Math.floor(Date.now() / 60_000);
      let allowed = 0;
      for (let i = 0; i < 2 * LOOKUP_LIMIT; i++) {
        const res = await fetch(`${at(i)}/api/v1/lookup?code=000.00.12.H34-000000-0000&check=0000`);
        if (res.status === 429) break;
        allowed++;
      }
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      assert.ok(allowed <= LOOKUP_LIMIT, `refused after ${allowed} failed lookups spread over two instances`);
      return;
    }
    assert.fail('the minute turned during every attempt');
  });

  test('a maintenance notice written once appears on the pages of both instances', async () => {
    const now = Date.now();
    await get()
      .db.insertInto('maintenance_notice')
      .values({ starts_at: new Date(now + 2 * 86_400_000), ends_at: new Date(now + 2 * 86_400_000 + 3_600_000), shown_from: new Date(now - 1000), message_vi: 'Bảo trì hệ thống máy chủ tập trung', message_en: null })
      .execute();
    for (const i of [0, 1]) {
      let html = '';
      // Each instance may keep the notice list for a few seconds; both must show it soon after.
      for (let tries = 0; tries < 60 && !html.includes('Bảo trì hệ thống máy chủ tập trung'); tries++) {
        html = await (await fetch(`${at(i)}/`)).text();
        if (!html.includes('Bảo trì hệ thống máy chủ tập trung')) await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(html, /Bảo trì hệ thống máy chủ tập trung/, `instance ${i + 1}`);
    }
  });
});

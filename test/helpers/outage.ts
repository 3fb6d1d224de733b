// Submission load on a running portal while its database goes away and comes back: several
// citizens submitting through the API, each answer sorted into acknowledged (201 and its code),
// refused (503) or unexpected (anything else, or no answer in time).
import assert from 'node:assert/strict';
import { demoDefinition } from './demo-forms.ts';
import { apiSubmission } from './submission.ts';

const SERVICE = '1.004616';
/** Longer than the pool's connection timeout: past this, a request hangs. */
const ANSWER_WITHIN_MS = 15_000;

export interface SubmissionLoad {
  /** Codes of the applications answered with 201. */
  acked: string[];
  /** Answers 503 (database unavailable). */
  refused: number;
  /** Any other answer, or none. */
  unexpected: string[];
  /** Resolves when at least `n` applications were acknowledged. */
  acknowledged(n: number, timeoutMs?: number): Promise<void>;
  /**
   * Checks /healthz, /readyz and the home page until /readyz is 200 again after having been 503;
   * times in ms from `since`.
   */
  watchUntilReady(since: number, timeoutMs: number): Promise<{ notReadyAt: number; readyAt: number }>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startSubmissionLoad(origin: string, account: { username: string; password: string }, clients: number): SubmissionLoad {
  let running = true;
  const load = { acked: [] as string[], refused: 0, unexpected: [] as string[] };
  const token = fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })
    .then(async (res) => {
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { token: string }).token;
    });

  // A test that fails half-way must not leave its clients running.
  const until = Date.now() + 90_000;
  async function client(): Promise<void> {
    const authorization = `Bearer ${await token}`;
    while (running && Date.now() < until) {
      const sent = apiSubmission({ authorization }, SERVICE, demoDefinition(SERVICE)!.example);
      try {
        const res = await fetch(`${origin}${sent.url}`, { method: 'POST', headers: sent.headers, body: new Uint8Array(sent.payload), signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
        const body = await res.text();
        if (res.status === 201) load.acked.push((JSON.parse(body) as { code: string }).code);
        else if (res.status === 503 && (JSON.parse(body) as { error?: { code?: string } }).error?.code === 'DATABASE_UNAVAILABLE') {
          load.refused += 1;
          await sleep(100);
        } else load.unexpected.push(`${res.status} ${body.slice(0, 300)}`);
      } catch (err) {
        load.unexpected.push(`no answer: ${(err as Error).message}`);
      }
    }
  }
  const loops = Array.from({ length: clients }, client);
  const failed = Promise.allSettled(loops);

  return {
    get acked() {
      return load.acked;
    },
    get refused() {
      return load.refused;
    },
    get unexpected() {
      return load.unexpected;
    },
    async acknowledged(n, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      while (load.acked.length < n) {
        assert.ok(Date.now() < end, `${n} acknowledged in ${timeoutMs} ms (got ${load.acked.length}; unexpected: ${load.unexpected.slice(0, 3).join(' | ')})`);
        await sleep(50);
      }
    },
    async watchUntilReady(since, timeoutMs) {
      let notReadyAt: number | undefined;
      let pageRefused = false;
      for (;;) {
        const elapsed = Date.now() - since;
        assert.ok(elapsed < timeoutMs, `ready again within ${timeoutMs} ms (not ready since ${notReadyAt} ms)`);
        const signal = AbortSignal.timeout(ANSWER_WITHIN_MS);
        assert.equal((await fetch(`${origin}/healthz`, { signal })).status, 200, '/healthz stays 200');
        const ready = await fetch(`${origin}/readyz`, { signal });
        const at = Date.now() - since;
        if (ready.status === 503) {
          assert.equal(((await ready.json()) as { status: string }).status, 'unavailable');
          notReadyAt ??= at;
          const page = await fetch(`${origin}/`, { signal });
          const html = await page.text();
          assert.ok(page.status === 503 || page.status === 200, `home page during the outage: ${page.status}`);
          if (page.status === 503) {
            assert.match(html, /Hệ thống tạm thời gián đoạn/);
            pageRefused = true;
          }
        } else {
          assert.equal(ready.status, 200);
          await ready.body?.cancel();
          if (notReadyAt !== undefined) {
            assert.ok(pageRefused || load.refused > 0, 'something was refused with 503 while not ready');
            return { notReadyAt, readyAt: at };
          }
        }
        await sleep(100);
      }
    },
    async stop() {
      running = false;
      await failed;
    },
  };
}

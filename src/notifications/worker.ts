// The delivery worker: every instance runs one (DVCTT_WORKERS at once; 0 turns it off). It takes
// due jobs from graphile-worker, sends through the channel, and records the outcome. At least
// once: a crash after sending and before recording sends again, with the same message id.
import { EventEmitter } from 'node:events';
import { Logger as WorkerLogger, run, type JobHelpers, type Runner, type WorkerEvents } from 'graphile-worker';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { timeVi } from '../web/format.ts';
import { createChannels, DeliveryError, type Channels, type OutgoingMessage } from './channels/index.ts';
import { backoffSeconds, CHANNEL_LABELS, EVENTS, messageId, render, smsText } from './model.ts';
import { deliveryForJob, DELIVER_TASK, recordOutcome, recordTry, templateFor, type DeliveryJob } from './store.ts';

export interface DeliveryWorkerDeps {
  config: Pick<Config, 'smtpUrl' | 'smsGatewayUrl' | 'publicUrl' | 'delivery' | 'portal'>;
  db: DB;
  pool: pg.Pool;
  logger?: Logger;
  /** Channels to use instead of those the configuration gives (tests of one channel). */
  channels?: Channels;
  /** How often this instance says it is alive, and after how long silence another is presumed dead. */
  heartbeatMs?: number;
  staleAfterSeconds?: number;
}

export interface DeliveryWorker {
  runner: Runner;
  /** The worker pools' ids, as graphile-worker writes them in jobs.locked_by. */
  ids: string[];
  stop(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text to simple, accessible HTML: paragraphs, line breaks, links. */
export function emailHtml(text: string, portalName: string, subject: string, id: string, locale: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}" style="color:#1d70b8">${u}</a>`).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
<div style="max-width:640px">
<p style="margin:0 0 24px;padding-bottom:8px;border-bottom:4px solid #b10e1e;font-weight:bold">${escapeHtml(portalName)}</p>
${paragraphs}
<p style="margin:24px 0 0;color:#505a5f;font-size:13px">${locale === 'en' ? 'Message id' : 'Mã thông báo'}: ${escapeHtml(id)}</p>
</div></body></html>`;
}

/** The message of a delivery: its template filled with the event's variables. */
export async function compose(db: DB, d: DeliveryJob, config: DeliveryWorkerDeps['config']): Promise<OutgoingMessage> {
  const id = messageId(d.id);
  // A push to the national portal: its document was written with the change (migration 0036).
  if (d.channel === 'lien-thong') return { id, to: d.recipient, text: '', json: d.vars };
  const vars = { ...d.vars };
  if (vars.duong_dan?.startsWith('/')) vars.duong_dan = `${config.publicUrl}${vars.duong_dan}`;
  if (d.channel === 'webhook') {
    // Other systems get the facts of the event, not the applicant's personal data.
    const facts = Object.fromEntries(Object.entries(vars).filter(([k]) => k !== 'ho_ten'));
    return {
      id,
      to: d.recipient,
      secret: d.webhookSecret ?? '',
      text: '',
      json: { id, event: d.event, occurredAt: d.createdAt.toISOString(), applicationCode: d.applicationCode, status: EVENTS[d.event]?.status ?? null, title: d.noticeTitle, body: d.noticeBody, data: facts },
    };
  }
  const t = await templateFor(db, d.event, d.channel, d.locale);
  const text = render(t.body, vars);
  if (d.channel === 'sms') return { id, to: d.recipient, text: smsText(text, id) };
  const subject = render(t.subject ?? '', vars).replace(/\s+/g, ' ');
  const footer = d.locale === 'en' ? `\n\n—\n${config.portal.portalName}\nMessage id: ${id}. Please do not reply to this email.` : `\n\n—\n${config.portal.portalName}\nMã thông báo: ${id}. Thư gửi tự động, xin đừng trả lời.`;
  return { id, to: d.recipient, subject, text: text + footer, html: emailHtml(text, config.portal.portalName, subject, id, d.locale) };
}

function workerLogger(logger: Logger | undefined): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    if (!logger) return;
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
    logger[method]({ queue: meta }, message);
  });
}

export async function startDeliveryWorker(deps: DeliveryWorkerDeps): Promise<DeliveryWorker> {
  const { db, config, logger } = deps;
  const channels = deps.channels ?? createChannels(config);
  const maxAttempts = config.delivery.maxAttempts;

  async function deliver(payload: unknown, helpers: JobHelpers): Promise<void> {
    const id = String((payload as { id?: unknown }).id ?? '');
    const d = /^\d+$/.test(id) ? await deliveryForJob(db, id) : undefined;
    // Gone, or already recorded (this is a second run after a crash): nothing to do.
    if (!d || d.status !== 'queued') return;
    await recordTry(db, id);
    const channel = channels[d.channel];
    if (!channel) {
      const setting = d.channel === 'email' ? 'SMTP_URL' : d.channel === 'lien-thong' ? 'DVCTT_EXCHANGE_URL và DVCTT_EXCHANGE_SECRET' : 'SMS_GATEWAY_URL và DVCTT_SMS_API_KEY';
      await recordOutcome(db, id, 'failed', `${CHANNEL_LABELS[d.channel]} chưa được cấu hình (${setting}); có thể gửi lại sau khi cấu hình.`);
      return;
    }
    try {
      const result = await channel.send(await compose(db, d, config));
      await recordOutcome(db, id, result.delivered ? 'delivered' : 'sent', result.answer, result.providerId);
      logger?.info({ delivery: id, channel: d.channel, attempt: helpers.job.attempts }, 'notice delivered to provider');
    } catch (err) {
      const detail = (err as Error).message;
      const permanent = err instanceof DeliveryError && err.permanent;
      if (permanent || helpers.job.attempts >= maxAttempts) {
        await recordOutcome(db, id, 'failed', `${detail} (lần thử ${helpers.job.attempts}/${maxAttempts}${permanent ? ', lỗi không thể thử lại' : ''})`);
        return;
      }
      const wait = Math.round(backoffSeconds(helpers.job.attempts));
      await recordOutcome(db, id, 'retry', `${detail} — lần thử ${helpers.job.attempts}/${maxAttempts}; thử lại sau khoảng ${wait} giây (${timeVi(new Date(Date.now() + wait * 1000))}).`);
      throw err;
    }
  }

  const ids: string[] = [];
  const beat = async () => {
    for (const id of ids) {
      await db.insertInto('delivery_worker').values({ id, seen_at: new Date() }).onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: new Date() })).execute();
    }
  };

  // The runner is supervised (P1, P6): when the database goes away graphile-worker gives up and
  // its runner ends with an error. That error is logged, never left unhandled, and a new runner
  // starts after 1 s, 2 s, 4 s … at most 30 s, until the database answers again. The jobs the
  // dead runner held are released at once by the new one, so queued notices resume without
  // waiting for the heartbeat to go stale.
  let runner: Runner;
  let stopping = false;
  let delayMs = 1000;
  let restartTimer: NodeJS.Timeout | undefined;
  let steadyTimer: NodeJS.Timeout | undefined;
  let orphaned: string[] = [];
  const onPoolError = (err: Error) => logger?.warn({ err }, 'database connection error in the pool');
  deps.pool.on('error', onPoolError);

  const startRunner = async (): Promise<Runner> => {
    const events = new EventEmitter() as WorkerEvents;
    const mine: string[] = [];
    events.on('pool:create', ({ workerPool }) => {
      mine.push(workerPool.id);
      ids.push(workerPool.id);
      void beat().catch(() => undefined);
    });
    events.on('pool:listen:error', ({ error }) => logger?.warn({ err: error }, 'delivery queue: listening for new jobs failed'));
    events.on('pool:fatalError', ({ error, action }) => logger?.error({ err: error, action }, 'delivery queue: worker pool failed'));
    events.on('worker:fatalError', ({ error }) => logger?.error({ err: error }, 'delivery queue: worker failed'));
    const r = await run({
      pgPool: deps.pool,
      concurrency: config.delivery.workers,
      noHandleSignals: true,
      pollInterval: 2000,
      taskList: { [DELIVER_TASK]: deliver },
      logger: workerLogger(logger),
      events,
      // Completions and failures go through graphile-worker's batcher: when one cannot be
      // written (the database is gone) the pool reports it and stops, instead of leaving the
      // job locked by a live pool for hours and its promise unhandled; the supervisor below
      // then starts a new runner, which frees the job.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    r.promise.then(
      () => ended(r, mine, undefined),
      (err: unknown) => ended(r, mine, err),
    );
    return r;
  };

  const ended = (r: Runner, mine: string[], err: unknown) => {
    if (stopping || r !== runner) return;
    clearTimeout(steadyTimer);
    for (const id of mine) ids.splice(ids.indexOf(id), 1);
    orphaned.push(...mine);
    logger?.error({ err, retryInMs: delayMs }, 'delivery worker stopped; restarting');
    scheduleRestart();
  };

  const scheduleRestart = () => {
    if (stopping) return;
    const wait = delayMs;
    delayMs = Math.min(delayMs * 2, 30_000);
    restartTimer = setTimeout(() => {
      startRunner().then(
        async (r) => {
          if (stopping) return void (await r.stop().catch(() => undefined));
          runner = r;
          logger?.info('delivery worker restarted');
          // Up for 30 s: the next failure starts the back-off again from 1 s.
          steadyTimer = setTimeout(() => (delayMs = 1000), 30_000);
          steadyTimer.unref();
          const freed = orphaned;
          orphaned = [];
          await sql`SELECT graphile_worker.force_unlock_workers(${freed}::text[])`.execute(db).catch((err: unknown) => {
            orphaned.push(...freed);
            logger?.warn({ err }, 'jobs of the stopped delivery worker not released yet');
          });
        },
        (err: unknown) => {
          logger?.error({ err, retryInMs: delayMs }, 'delivery worker could not start; retrying');
          scheduleRestart();
        },
      );
    }, wait);
    restartTimer.unref();
  };

  runner = await startRunner();

  const stale = deps.staleAfterSeconds ?? config.delivery.staleAfterSeconds;
  // Four heartbeats within the silence that counts as dead, at most every 15 s.
  const heartbeatMs = deps.heartbeatMs ?? Math.min(15_000, Math.max(500, (stale * 1000) / 4));
  // Jobs held by a pool that stopped saying it is alive (its process crashed) are freed now,
  // rather than after graphile-worker's four hours.
  const sweep = async () => {
    await beat();
    await sql`
      SELECT graphile_worker.force_unlock_workers(array_agg(DISTINCT locked_by))
      FROM graphile_worker.jobs
      WHERE locked_by IS NOT NULL
        AND locked_by NOT IN (SELECT id FROM delivery_worker WHERE seen_at > now() - make_interval(secs => ${stale}))
      HAVING count(*) > 0`.execute(db);
    await db.deleteFrom('delivery_worker').where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${stale * 10})`).execute();
  };
  const timer = setInterval(() => void sweep().catch((err) => logger?.warn({ err }, 'delivery heartbeat failed')), heartbeatMs);
  timer.unref();
  await sweep().catch((err) => logger?.warn({ err }, 'delivery heartbeat failed'));

  return {
    get runner() {
      return runner;
    },
    ids,
    async stop() {
      stopping = true;
      clearInterval(timer);
      clearTimeout(restartTimer);
      clearTimeout(steadyTimer);
      deps.pool.off('error', onPoolError);
      await runner.stop().catch((err: unknown) => logger?.warn({ err }, 'delivery worker stop failed'));
      await db.deleteFrom('delivery_worker').where('id', 'in', ids.length ? ids : ['']).execute().catch(() => undefined);
      for (const c of Object.values(channels)) c?.close?.();
    },
  };
}

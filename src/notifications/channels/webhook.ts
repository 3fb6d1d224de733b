// Webhooks for other systems: the notice as JSON, signed with HMAC-SHA256 over "timestamp.body".
// The receiver's name is resolved once and checked; the connection goes to that very address (the
// name still in the Host header and, over HTTPS, in SNI and the certificate check). A redirect is
// not followed: it counts as a failed delivery (ASVS 5.2.6).
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { webhookTarget, type Resolver } from '../address.ts';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../model.ts';
import { DeliveryError, type DeliveryChannel, type OutgoingMessage, type SendResult } from './channel.ts';

export interface WebhookOptions {
  /** Deliver to private and loopback addresses too (DVCTT_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** How host names are resolved; the system resolver unless another is given. */
  resolve?: Resolver;
  /** How long a receiver has to answer. */
  timeoutMs?: number;
}

/** Only what the delivery log keeps of the receiver's answer is read. */
const ANSWER_BYTES = 64 * 1024;

/** A lookup that answers every name with the address already checked. */
function pinned(address: string, family: 4 | 6): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

function post(url: URL, target: { address: string; family: 4 | 6 }, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; location?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned(target.address, target.family),
        // A fresh connection each time: a pooled one could have been opened to an earlier answer.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          if (size < ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= ANSWER_BYTES) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export function webhookChannel(options: WebhookOptions = {}): DeliveryChannel {
  return {
    name: 'webhook',
    async send(m: OutgoingMessage): Promise<SendResult> {
      let url: URL;
      try {
        url = new URL(m.to);
      } catch {
        throw new DeliveryError(`Địa chỉ webhook không hợp lệ: ${m.to}`, true);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DeliveryError(`Webhook chỉ gửi qua http hoặc https, không qua ${url.protocol}`, true);
      let target: Awaited<ReturnType<typeof webhookTarget>>;
      try {
        target = await webhookTarget(url.hostname, options);
      } catch (err) {
        throw new DeliveryError(`Không tìm được địa chỉ máy nhận webhook: ${(err as Error).message}`);
      }
      if ('privateAddress' in target) throw new DeliveryError(`Không gửi webhook đến địa chỉ nội bộ ${target.privateAddress} (đặt DVCTT_WEBHOOK_ALLOW_PRIVATE=true nếu máy nhận ở mạng nội bộ).`);
      const body = JSON.stringify(m.json);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'dvctt-webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(m.secret ?? '', timestamp, body),
        [MESSAGE_ID_HEADER]: m.id,
      };
      let res: Awaited<ReturnType<typeof post>>;
      try {
        res = await post(url, target, headers, body, options.timeoutMs ?? 15_000);
      } catch (err) {
        throw new DeliveryError(`Máy nhận webhook không trả lời: ${(err as Error).message}`);
      }
      const answer = `${res.status} ${res.text.slice(0, 500)}`.trim();
      if (res.status >= 300 && res.status < 400) {
        throw new DeliveryError(`Máy nhận webhook trả lời chuyển hướng ${res.status}${res.location ? ` đến ${res.location.slice(0, 300)}` : ''}; không theo chuyển hướng, hãy đăng ký đúng địa chỉ nhận.`);
      }
      // Every other non-2xx is tried again: the receiver may be deploying or down for a while.
      if (res.status < 200 || res.status >= 300) throw new DeliveryError(`Máy nhận webhook trả lời ${answer}`);
      return { answer, delivered: true };
    },
  };
}

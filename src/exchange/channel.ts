// The delivery channel 'lien-thong' (A3, P3): a push is POSTed, signed, to the national portal;
// a 2xx answer is arrival. Order per dossier is kept by the queue (migration 0036): only the
// earliest unfinished push of a dossier is ever tried. An answer 4xx other than 408, 409 and 429
// is a refusal not worth repeating; everything else is tried again with the queue's back-off.
import { DeliveryError, type DeliveryChannel } from '../notifications/index.ts';
import type { ExchangeSettings } from '../config-exchange.ts';
import { MESSAGE_ID_HEADER, PUSH_PATH, signedHeaders } from './protocol.ts';

export function exchangeChannel(settings: ExchangeSettings, timeoutMs = 15_000): DeliveryChannel {
  return {
    name: 'lien-thong',
    async send(m) {
      const body = JSON.stringify({ id: m.id, ...(m.json as object) });
      let res: Response;
      try {
        res = await fetch(`${settings.url}${PUSH_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'dvctt-lien-thong/1', [MESSAGE_ID_HEADER]: m.id, ...signedHeaders(settings.secret, body) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new DeliveryError(`Cổng Dịch vụ công quốc gia không trả lời: ${(err as Error).message}`);
      }
      const answer = `${res.status} ${(await res.text().catch(() => '')).slice(0, 500)}`.trim();
      if (res.ok) return { answer, delivered: true };
      const permanent = res.status >= 400 && res.status < 500 && ![408, 409, 429].includes(res.status);
      throw new DeliveryError(`Cổng Dịch vụ công quốc gia trả lời ${answer}`, permanent);
    },
  };
}

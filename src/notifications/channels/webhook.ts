// Webhooks for other systems: the notice as JSON, signed with HMAC-SHA256 over "timestamp.body".
import { privateAddressOf } from '../address.ts';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../model.ts';
import { DeliveryError, type DeliveryChannel, type OutgoingMessage, type SendResult } from './channel.ts';

/** `allowPrivate`: deliver to private and loopback addresses too (DVCTT_WEBHOOK_ALLOW_PRIVATE). */
export function webhookChannel(options: { allowPrivate?: boolean } = {}): DeliveryChannel {
  return {
    name: 'webhook',
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!options.allowPrivate) {
        let found: string | undefined;
        try {
          found = await privateAddressOf(new URL(m.to).hostname);
        } catch (err) {
          throw new DeliveryError(`Không tìm được địa chỉ máy nhận webhook: ${(err as Error).message}`);
        }
        if (found) throw new DeliveryError(`Không gửi webhook đến địa chỉ nội bộ ${found} (đặt DVCTT_WEBHOOK_ALLOW_PRIVATE=true nếu máy nhận ở mạng nội bộ).`);
      }
      const body = JSON.stringify(m.json);
      const timestamp = Math.floor(Date.now() / 1000);
      let res: Response;
      try {
        res = await fetch(m.to, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'dvctt-webhook/1',
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(m.secret ?? '', timestamp, body),
            [MESSAGE_ID_HEADER]: m.id,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new DeliveryError(`Máy nhận webhook không trả lời: ${(err as Error).message}`);
      }
      const answer = `${res.status} ${(await res.text()).slice(0, 500)}`.trim();
      // Every non-2xx is tried again: the receiver may be deploying or down for a while.
      if (res.status < 200 || res.status >= 300) throw new DeliveryError(`Máy nhận webhook trả lời ${answer}`);
      return { answer, delivered: true };
    },
  };
}

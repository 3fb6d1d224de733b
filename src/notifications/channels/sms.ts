// SMS through an operator's HTTP API (SMS_GATEWAY_URL, DVCTT_SMS_API_KEY). The protocol — JSON
// POST with an API key, a message id back, a delivery report later — is the one the simulator
// (../sms-simulator.ts) speaks; an operator with another dialect gets its own adapter here.
import { DeliveryError, type DeliveryChannel, type OutgoingMessage, type SendResult } from './channel.ts';

export const DELIVERY_REPORT_PATH = '/api/v1/sms/delivery-reports';

export interface SmsGatewayOptions {
  url: string;
  apiKey: string;
  sender: string;
  /** Where the operator posts its delivery reports. */
  callbackUrl: string;
}

export function smsChannel(o: SmsGatewayOptions): DeliveryChannel {
  const endpoint = `${o.url.replace(/\/+$/, '')}/messages`;
  return {
    name: 'sms',
    async send(m: OutgoingMessage): Promise<SendResult> {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': o.apiKey },
          body: JSON.stringify({ from: o.sender, to: m.to, text: m.text, reference: m.id, callback_url: o.callbackUrl }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new DeliveryError(`Cổng SMS không trả lời: ${(err as Error).message}`);
      }
      const answer = (await res.text()).slice(0, 1000);
      if (!res.ok) {
        // 400/401/403/422: this message will never pass as it is; 429 and 5xx: try again later.
        throw new DeliveryError(`Cổng SMS trả lời ${res.status}: ${answer}`, res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429);
      }
      let body: { message_id?: string };
      try {
        body = JSON.parse(answer) as { message_id?: string };
      } catch {
        throw new DeliveryError(`Cổng SMS trả lời không phải JSON: ${answer}`);
      }
      if (!body.message_id) throw new DeliveryError(`Cổng SMS không trả mã tin: ${answer}`);
      return { providerId: body.message_id, answer: `${res.status} ${answer}` };
    },
  };
}

// The factory: the channels this instance can use, chosen by configuration.
import type { Config } from '../../config.ts';
import type { Channel } from '../model.ts';
import type { DeliveryChannel } from './channel.ts';
import { emailChannel } from './email.ts';
import { DELIVERY_REPORT_PATH, smsChannel } from './sms.ts';
import { webhookChannel } from './webhook.ts';

export type Channels = Partial<Record<Channel, DeliveryChannel>>;

export function createChannels(config: Pick<Config, 'smtpUrl' | 'smsGatewayUrl' | 'publicUrl' | 'delivery'>): Channels {
  const channels: Channels = { webhook: webhookChannel({ allowPrivate: config.delivery.webhookAllowPrivate }) };
  if (config.smtpUrl) channels.email = emailChannel(config.smtpUrl, config.delivery.mailFrom, config.publicUrl, Math.max(1, config.delivery.workers));
  if (config.smsGatewayUrl && config.delivery.smsApiKey) {
    channels.sms = smsChannel({ url: config.smsGatewayUrl, apiKey: config.delivery.smsApiKey, sender: config.delivery.smsSender, callbackUrl: `${config.publicUrl}${DELIVERY_REPORT_PATH}` });
  }
  return channels;
}

export { DeliveryError, type DeliveryChannel, type OutgoingMessage, type SendResult } from './channel.ts';
export { DELIVERY_REPORT_PATH } from './sms.ts';

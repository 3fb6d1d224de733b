// One interface for every way a notice leaves the portal; each provider is a handler behind it.
import type { Channel } from '../model.ts';

export interface OutgoingMessage {
  /** The stable id of this delivery (same on every try), e.g. DV123. */
  id: string;
  /** Email address, MSISDN, or webhook URL. */
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** Webhooks: the JSON document and the subscription's signing secret. */
  json?: unknown;
  secret?: string;
}

export interface SendResult {
  /** The provider's own id of the message (SMTP queue id, operator message id). */
  providerId?: string;
  /** What the provider answered, kept in the delivery log. */
  answer: string;
  /** The provider confirmed arrival already (webhooks: the receiver answered 2xx). */
  delivered?: boolean;
}

/** A send that failed; `permanent` ones are not tried again (a refused address, a bad request). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface DeliveryChannel {
  readonly name: Channel;
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): void;
}

// The configured gateways, in the order the payer sees them (A7).
import type { PaygovSettings, PaymentSettings } from '../../config-payment.ts';
import { gatewayFor, type PaymentGateway } from './gateway.ts';
import { PaygovGateway } from './paygov.ts';

export function gatewaysFor(vnpay: PaymentSettings | undefined, paygov: PaygovSettings | undefined): PaymentGateway[] {
  return [paygov && new PaygovGateway(paygov), gatewayFor(vnpay)].filter((g): g is PaymentGateway => g !== undefined);
}

// What the rest of applications (and the CLI, through applications/index.ts) use of payment.
export { paymentRoutes, IPN_PATH, RETURN_PATH } from './routes.ts';
export { GatewaySimulator } from './simulator.ts';
export { gatewayFor, VnpayGateway, type PaymentGateway } from './gateway.ts';

// What other modules and the wiring may use of the national portal exchange (A3, P3).
export { exchangeChannel } from './channel.ts';
export { receiveDossier, type InboundDeps, type InboundResult } from './inbound.ts';
export { forwardDossier, forwardedBody, forwardedFiles, readForwardedStatus, type Forwarded } from './outbound.ts';
export { EXCHANGE_PROBLEMS, type ExchangeProblem } from './problems.ts';
export { FORWARDED_STATUS_PATH, INBOUND_PATH, NATIONAL_PORTAL_URL, PUSH_PATH, readDossier, sign, signedHeaders, verify, type Dossier, type InboundAnswer, type Push } from './protocol.ts';
export { reconcile, reconcileReport, type Difference } from './reconcile.ts';
export { citizenPortalOff, CITIZEN_PATHS, exchangeRoutes, type ExchangeRouteDeps } from './routes.ts';
export { ExchangeSimulator, type ExchangeSimulatorOptions } from './simulator.ts';
export { EXCHANGE_CLI_HELP, exchangeReconcileCommand, exchangeSimulatorCommand } from './cli.ts';

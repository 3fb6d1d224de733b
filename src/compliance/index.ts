// The compliance module (S2, S4): the TLS rules the server enforces, the self-signed certificate
// for local use, and `dvctt check`, the per-article compliance report of a deployed portal.
export { ACCEPTED_CURVES, TLS_CIPHERS, certificateProblem, keyProblem, summarizeKey, type KeySummary } from './tls-policy.ts';
export { createSelfSigned, type CertificateKeyType, type SelfSigned, type SelfSignedOptions } from './certificate.ts';
export { certCommand, checkCommand } from './commands.ts';
export { runCheck, type CheckOptions } from './check.ts';
export type { Finding, Report, Status } from './model.ts';

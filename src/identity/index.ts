// What other modules may use of identity: who is acting, and may they do this.
export { can, cccdCheck, emailCheck, formatDate, normalizeUsername, parseDate, passwordCheck, phoneCheck, taxCodeCheck, usernameCheck, ROLES, ROLE_NAMES, type Action, type Actor, type Resource, type Role } from './model.ts';
export { cccdProblem, emailProblem, IDENTITY_PROBLEMS, identityText, passwordProblem, phoneProblem, taxCodeProblem, usernameProblem, type IdentityProblem } from './problems.ts';
export { csrfTokenMatches, identityRoutes, SESSION_COOKIE } from './routes.ts';
export { oidcRoutes } from './oidc.ts';
export { accountNamed, addMembership, agencyNames, membersOf, removeMembership, staffOf } from './admin-store.ts';
export { actorOf, apiGate, GATES, guards, refusePage, signInPath, type Gate } from './guards.ts';
export { audit, createAccount, DuplicateAccountError, getProfile, type Profile } from './store.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './demo.ts';
export { passwordResetRoutes, completeReset, requestReset, RESET_MINUTES, type SendMail } from './password-reset.ts';
export { applicantByIdNumber, checkCounterApplicant, counterApplicant, type CounterApplicant, type CounterApplicantInput, type CounterApplicantProblem } from './counter-applicant.ts';

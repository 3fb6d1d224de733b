// What other modules may use of the vault (the user's data store, V1–V4).
export { judge, bestFor, groupOf, connected, REFUSAL_TEXT, STATE_NAMES, type AgencyTree, type VaultProblem, type Judgement, type Requirement, type StoredDocument } from './model.ts';
export { documentsOf, vietnamToday, type VaultDocument } from './store.ts';
export { addProvidedDocuments, checkReuse, logReuse, recordAttachments, recordSubmission, reusableLookup, requirementsFor, type ComponentAsked, type ComponentRequirement, type ProvidedFile, type SubmittedAttachment, type ReusableDocument, type ReuseChoice, type ReusedDocument, type ReuseProblem, type ReuseResult, type SatisfiedBy } from './reuse.ts';
export { acceptDocumentsOf, addResultDocument, rejectDocumentsOf, type ResultDocument } from './acceptance.ts';
export { acceptanceHistory, fieldsOf, logFieldReuse, openForStaff, type DataField } from './usage.ts';
export { vaultRoutes, type VaultDeps } from './routes.ts';
export { VAULT_PROBLEMS } from './problems.ts';

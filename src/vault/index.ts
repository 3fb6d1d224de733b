// What other modules may use of the vault (the user's data store, V1–V4).
export { judge, bestFor, groupOf, connected, REFUSAL_TEXT, STATE_NAMES, type AgencyTree, type Judgement, type Requirement, type StoredDocument } from './model.ts';
export {
  acceptanceHistory,
  acceptDocumentsOf,
  addProvidedDocuments,
  addResultDocument,
  checkReuse,
  documentsOf,
  logReuse,
  openForStaff,
  recordSubmission,
  reusableLookup,
  rejectDocumentsOf,
  requirementsFor,
  vietnamToday,
  type ComponentAsked,
  type ComponentRequirement,
  type ProvidedFile,
  type ReusableDocument,
  type ResultDocument,
  type ReuseChoice,
  type ReusedDocument,
  type ReuseResult,
  type SatisfiedBy,
  type VaultDocument,
} from './store.ts';
export { vaultRoutes, type VaultDeps } from './routes.ts';

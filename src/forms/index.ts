// What other modules may use of the forms: definitions, their loader and validation, the pages.
export { adoptVisitorAnswers, formsRoutes, VISITOR_DRAFT_COOKIE, type NationalPrefill, type WhereHook } from './routes.ts';
export { printRoutes, type PrintableApplication } from './print-routes.ts';
export { blankFormFromDefinition, renderForm, type PrintFormat } from './print/index.ts';
export { definitionSchema, FormDefinitionError, loadDefinition } from './definition-schema.ts';
export { DEMO_FORMS_DIR, seedFormsDemo } from './registry.ts';
export { exportForms, importFormFiles, importFormsCommand, exportFormsCommand, reportLine, type FileReport } from './cli-forms.ts';
export { chooseDraftAgency, deleteDraft, getDraft, listDrafts, saveDraft, type Draft } from './store.ts';
export { answersFromFormBody, validateAnswers, type FormErrors, type ValidationResult } from './validate.ts';
export type { Field, FieldType, FormDefinition, Section } from './model.ts';
export { hasAttachments, journeyOf, stepsOf, versionOf } from './model.ts';
export { DATA_FIELD_LABELS, dataFieldsOf, type DataFieldValue } from './data-fields.ts';
export { AnswerList, CheckPage, FormFields, type CheckedFile } from './views/eform.tsx';
export { clientBundle, definitionUrl, STYLE_URL } from './client-assets.ts';
export { createFormLibrary, formOfApplication, type FormLibrary, type FormLibraryOptions } from './library.ts';
export {
  checkDefinition,
  definitionAt,
  FORM_PROBLEMS,
  FORMS_CHANNEL,
  formVersions,
  getVersion,
  importDefinition,
  listForms,
  publishDraft,
  retireForm,
  saveDraftVersion,
  storeGeneratedForm,
  type FormOrigin,
  type FormProblem,
  type FormStatus,
  type FormSummary,
  type FormVersion,
  type ImportResult,
  type SaveDraftResult,
  type StoredForm,
} from './definitions-store.ts';
export { defaultFormFor, defaultFormId, isDefaultForm } from './default-form.ts';
export { defaultFormFallback } from './default-fallback.ts';
export { formReportText, servicesOnDefaultForm, type DefaultFormService } from './form-report.ts';
export { designerRoutes } from './designer/routes.ts';
export { draftFromPaper, MAX_PAPER_BYTES, PAPER_PROBLEMS, summaryLines, type Draft as PaperDraft, type DraftSummary as PaperDraftSummary, type PaperProblem } from './paper/index.ts';
export { draftFormCommand } from './paper/cli.ts';

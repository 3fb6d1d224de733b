// Table types for Kysely. Each migration that adds or changes a table updates this file.
import type { ColumnType, Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: unknown;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MaintenanceNoticeTable {
  id: Generated<number>;
  /** When the work starts and ends. */
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  /** Shown from this moment; by rule at least one working day before starts_at (Art. 11.2e). */
  shown_from: ColumnType<Date, Date | string, Date | string>;
  message_vi: string;
  message_en: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AgencyTable {
  code: string;
  name: string;
  /** 'centre': a public-service centre (Trung tâm Phục vụ hành chính công); 'branch': one of its branches (migration 0027). */
  kind: 'ministry' | 'province' | 'department' | 'district' | 'commune' | 'centre' | 'branch';
  parent_code: string | null;
  /** The agency that took over from this one in a merger or renaming; it keeps its applications (migration 0027). */
  replaced_by: ColumnType<string | null, string | null | undefined, string | null>;
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>;
  shares_data: ColumnType<boolean, boolean | undefined, boolean>;
  address: string | null;
  phone: string | null;
  email: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Working hours, e.g. [["07:30","11:30"],["13:30","17:00"]]; null: the default (0030). */
  working_hours: ColumnType<[string, string][] | null, string | null | undefined, string | null>;
}

export interface DocumentKindTable {
  code: string;
  name: string;
  expires: ColumnType<boolean, boolean | undefined, boolean>;
  /** Usual validity of an expiring kind, to propose a valid-until date (migration 0012). */
  validity_months: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ServiceTable {
  code: string;
  name: string;
  legal_name: string;
  sector: string;
  field: string;
  admin_level: 'trung-uong' | 'tinh' | 'huyen' | 'xa';
  level: number;
  agency_code: string;
  time_limit_days: number | null;
  /** A time limit in working hours instead of days (0030). */
  time_limit_hours: ColumnType<number | null, number | null | undefined, number | null>;
  details: ColumnType<unknown, string, string>;
  search_text: ColumnType<string, never, never>;
  search_tsv: ColumnType<string, never, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Published fields edited in the portal: field → { value, by, at } (migration 0027). */
  local_edits: ColumnType<Record<string, LocalEdit>, string | undefined, string>;
}

/** One field edited in the portal: a re-import meeting it reports a conflict and keeps it. */
export interface LocalEdit {
  value: unknown;
  by: string;
  at: string;
}

type Override<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** C1, A1: an agency that implements (receives applications for) a procedure, with its overrides (migration 0027). */
export interface ServiceImplementationTable {
  service_code: string;
  agency_code: string;
  /** null in each override: the procedure's own value (the agency's, for the address and hours). */
  time_limit_days: Override<number>;
  time_limit_hours: Override<number>;
  /** How it is assigned and who approves here (0030; model in applications/workflow). */
  workflow: ColumnType<unknown, string | null | undefined, string | null>;
  fees: ColumnType<unknown, string | null | undefined, string | null>;
  receiving_address: Override<string>;
  opening_hours: Override<string>;
  level: Override<number>;
  form_id: Override<string>;
  online: ColumnType<boolean, boolean | undefined, boolean>;
  offline_from: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  offline_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  offline_reason: Override<string>;
  local_edits: ColumnType<Record<string, LocalEdit>, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SearchSynonymTable {
  id: Generated<number>;
  term: string;
  expansion: string;
  term_folded: ColumnType<string, never, never>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CatalogVersionTable {
  id: ColumnType<boolean, never, never>;
  version: ColumnType<string, never, never>;
}

export interface AccountTable {
  id: Generated<string>;
  username: string;
  password_hash: string | null;
  role: ColumnType<'citizen' | 'officer' | 'admin' | 'manager', 'citizen' | 'officer' | 'admin' | 'manager' | undefined>;
  agency_code: string | null;
  kind: ColumnType<'person' | 'business', 'person' | 'business' | undefined>;
  full_name: string;
  date_of_birth: ColumnType<string | null, string | null | undefined, string | null>;
  id_number: string | null;
  email: string | null;
  phone: string | null;
  tax_code: string | null;
  representative: string | null;
  permanent_address: ColumnType<unknown, string | null | undefined, string | null>;
  current_address: ColumnType<unknown, string | null | undefined, string | null>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SessionTable {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
}

/** A further unit an officer works in, besides its own (migration 0028). */
export interface AgencyMembershipTable {
  account_id: string;
  agency_code: string;
  added_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface AccountTotpTable {
  account_id: string;
  secret: string;
  enabled_at: Date | null;
  last_step: ColumnType<string | null, number | null | undefined, number | null>;
  failed_codes: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface AccountRecoveryCodeTable {
  account_id: string;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PendingSignInTable {
  token_hash: string;
  account_id: string;
  purpose: 'code' | 'enrol';
  next: ColumnType<string, string | undefined, string>;
  failed_codes: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

export interface ApiTokenTable {
  token_hash: string;
  account_id: string;
  name: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  agency_code: string | null;
  ip: string | null;
  details: ColumnType<unknown, string | null | undefined, never>;
}

export interface OidcLoginTable {
  state_hash: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  /** Where to go after signing in (a same-site path). */
  next: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

/** A first sign-in through the identity provider waiting for the person's consent (0024). */
export interface OidcConsentTable {
  token_hash: string;
  browser_hash: string;
  /** The provider's verified claims (ProviderPerson). */
  person: ColumnType<unknown, string, string>;
  next: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}

export interface ApplicationTable {
  id: Generated<string>;
  code: string;
  service_code: string;
  agency_code: string;
  applicant_id: string;
  status: number;
  resume_status: number | null;
  data: ColumnType<unknown, string, string>;
  form_version: string | null;
  submitted_at: ColumnType<Date, Date | undefined, never>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  finished_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** Working days spent waiting for supplements; the due date already includes them (0009). */
  paused_days: ColumnType<number, number | undefined, number>;
  /** How it came: online, at the one-stop counter, or by post (0030). */
  channel: ColumnType<Channel, Channel | undefined, never>;
  /** The unit holding it now: the receiving agency until assigned or transferred (0030; set on insert). */
  unit_code: ColumnType<string, string | undefined, string>;
  /** The officer working on it (0030). */
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where it is in the workflow; the national status stays in `status` (0030). */
  step: ColumnType<WorkflowStep, WorkflowStep | undefined, WorkflowStep>;
  /** An online application must be received or asked to supplement by then (8 working hours, 0030). */
  reception_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The due instant when the time limit is in working hours (0030). */
  due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type Channel = 'truc-tuyen' | 'truc-tiep' | 'buu-chinh';
export type WorkflowStep = 'reception' | 'assignment' | 'processing' | 'approval' | 'returning' | 'closed';
export type HopKind = 'reception' | 'assignment' | 'transfer' | 'return' | 'approval-request' | 'approval' | 'send-back' | 'result';

/** One hop of the workflow, with its own deadline (0030). */
export interface ApplicationHopTable {
  id: Generated<string>;
  application_id: string;
  kind: HopKind;
  from_unit: string | null;
  to_unit: string | null;
  to_account_id: string | null;
  to_account_name: string | null;
  at: ColumnType<Date, Date | undefined, never>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
}

/** Heads of unit assign, leaders approve (0030). */
export interface AgencyDutyTable {
  account_id: string;
  agency_code: string;
  duty: 'head' | 'leader';
  added_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** The year's decision on days off and make-up working days (0030). */
export interface CalendarDecisionTable {
  id: Generated<number>;
  year: number;
  reference: string;
  title: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CalendarDayTable {
  day: ColumnType<string, string, string>;
  kind: 'day-off' | 'working-day';
  name: string;
  decision_id: number;
}

/** One daily digest of deadlines per person and day (0030). */
export interface DeadlineDigestTable {
  account_id: string;
  day: ColumnType<string, string, string>;
  counts: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ApplicationEventTable {
  id: Generated<string>;
  application_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  status_from: number | null;
  status_to: number;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  /** An entry that is not a status change, e.g. 'apology' (0009). */
  kind: ColumnType<string | null, string | null | undefined, never>;
}

// A7: fees, payments and signed results (migration 0010).
export interface ApplicationFeeTable {
  id: Generated<string>;
  application_id: string;
  amount: ColumnType<string, number | string, never>;
  catalog_amount: ColumnType<string, number | string, never>;
  reason: string | null;
  state: ColumnType<'open' | 'paid' | 'cancelled', 'open' | 'paid' | 'cancelled' | undefined, 'open' | 'paid' | 'cancelled'>;
  requested_by: string | null;
  requested_at: ColumnType<Date, Date | undefined, never>;
  settled_at: Date | null;
}

export interface PaymentTable {
  id: Generated<string>;
  application_id: string;
  fee_id: string;
  amount: ColumnType<string, number | string, never>;
  gateway: string;
  txn_ref: string;
  status: ColumnType<'pending' | 'paid' | 'failed', 'pending' | 'paid' | 'failed' | undefined, 'pending' | 'paid' | 'failed'>;
  gateway_txn_no: string | null;
  response_code: string | null;
  paid_at: Date | null;
  raw_callback: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SigningKeyTable {
  key_id: string;
  agency_code: string;
  algorithm: string;
  public_key: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ApplicationResultTable {
  id: Generated<string>;
  application_id: string;
  file_key: string;
  file_name: string;
  size: ColumnType<string, number, never>;
  sha256: string;
  generated: boolean;
  decision: string | null;
  signature: string;
  key_id: string;
  agency_code: string;
  signed_at: Date;
  issued_by: string | null;
  delivery: ColumnType<'online' | 'post', 'online' | 'post' | undefined, 'online' | 'post'>;
  postal_address: string | null;
}

export interface ApplicationSequenceTable {
  agency_code: string;
  day: string;
  last: number;
}

export interface NoticeTable {
  id: Generated<string>;
  account_id: string;
  application_code: string | null;
  title: string;
  body: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  read_at: Date | null;
}

export type RatingLevel = 'rat-hai-long' | 'hai-long' | 'chua-hai-long';

export interface RatingTable {
  application_id: string;
  overall: RatingLevel;
  convenience: RatingLevel | null;
  timeliness: RatingLevel | null;
  attitude: RatingLevel | null;
  comment: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

// N1–N3: delivery of notices (migration 0011).
export interface NotificationPreferenceTable {
  account_id: string;
  email: boolean;
  sms: boolean;
  locale: ColumnType<'vi' | 'en', 'vi' | 'en' | undefined, 'vi' | 'en'>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationTemplateTable {
  event: string;
  channel: 'email' | 'sms';
  locale: 'vi' | 'en';
  subject: string | null;
  body: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export type DeliveryChannel = 'email' | 'sms' | 'webhook' | 'lien-thong';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export interface DeliveryTable {
  id: Generated<string>;
  notice_id: string | null;
  application_code: string | null;
  account_id: string | null;
  webhook_id: number | null;
  channel: DeliveryChannel;
  recipient: string;
  locale: ColumnType<string, string | undefined, string>;
  event: string;
  vars: ColumnType<Record<string, string>, string | undefined, string>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  provider_id: string | null;
  provider_answer: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  sent_at: Date | null;
  delivered_at: Date | null;
}

export interface DeliveryLogTable {
  id: Generated<string>;
  delivery_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  status: string;
  detail: string | null;
}

export interface DeliveryWorkerTable {
  id: string;
  seen_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PasswordResetTable {
  token_hash: string;
  account_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface GuidanceTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string | null;
  /** Markdown, rendered without raw HTML (Q1). */
  body_md: string;
  service_codes: ColumnType<string[], string[] | undefined, string[]>;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface FaqTable {
  id: Generated<number>;
  service_code: string | null;
  question: string;
  asker_id: string | null;
  asked_at: ColumnType<Date, Date | undefined, never>;
  answer: string | null;
  answerer_id: string | null;
  answerer_name: string | null;
  answered_at: Date | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  views: ColumnType<number, number | undefined, number>;
  search_text: ColumnType<string, never, never>;
}

type Count = ColumnType<number, number | undefined, number>;

/** Q3: figures per service, receiving agency and month, kept by triggers (decision 0013). */
export interface ServiceStatMonthTable {
  service_code: string;
  agency_code: string;
  month: ColumnType<string, string, string>;
  online_received: Count;
  online_resolved: Count;
  resolved_on_time: Count;
  resolve_seconds: ColumnType<string, number | undefined, number>;
  offline_received: Count;
  /** Dossiers received at the counter or by post, counted one by one (0030). */
  counter_received: Count;
  offline_recorded_by: string | null;
  offline_recorded_at: Date | null;
  overall_very: Count;
  overall_ok: Count;
  overall_not: Count;
  convenience_very: Count;
  convenience_ok: Count;
  convenience_not: Count;
  timeliness_very: Count;
  timeliness_ok: Count;
  timeliness_not: Count;
  attitude_very: Count;
  attitude_ok: Count;
  attitude_not: Count;
}

export interface SignInThrottleTable {
  key: string;
  window_start: Date;
  failures: number;
  blocked_until: Date | null;
}

export interface KnownDeviceTable {
  account_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SignInCodeTable {
  id: Generated<string>;
  account_id: string;
  code_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface RateLimitTable {
  bucket: string;
  key: string;
  window_start: Date;
  hits: number;
}

export type VaultDocumentState = 'provided' | 'accepted' | 'rejected';

export interface VaultDocumentTable {
  id: Generated<string>;
  owner_id: string;
  kind_code: string;
  title: string;
  number: string | null;
  issuer: string | null;
  issued_on: string | null;
  valid_until: string | null;
  source: 'upload' | 'result';
  file_key: string | null;
  file_name: string | null;
  media_type: string | null;
  file_kind: string | null;
  size: number | null;
  sha256: string | null;
  application_id: string | null;
  state: ColumnType<VaultDocumentState, VaultDocumentState | undefined, VaultDocumentState>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  deleted_at: Date | null;
}

export interface VaultAcceptanceTable {
  document_id: string;
  agency_code: string;
  application_id: string | null;
  accepted_at: ColumnType<Date, Date | undefined, never>;
}

export interface VaultFieldTable {
  owner_id: string;
  key: string;
  label: string;
  value: string;
  application_id: string | null;
  agency_code: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface VaultUsageTable {
  id: Generated<string>;
  owner_id: string;
  document_id: string | null;
  field_key: string | null;
  action: 'reuse' | 'staff-read';
  application_id: string | null;
  application_code: string | null;
  component_id: string | null;
  agency_code: string | null;
  actor_name: string | null;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface FormDraftTable {
  account_id: string;
  service_code: string;
  form_version: string;
  answers: ColumnType<unknown, string, string>;
  step: number;
  /** C1: where the applicant chose to apply (migration 0029); null until chosen. */
  agency_code: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// F1–F6: form definitions as versioned data (migration 0026).
export interface FormDefinitionTable {
  form_id: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  document: ColumnType<unknown, string, string>;
  services: string[];
  origin: ColumnType<'own' | 'default', 'own' | 'default' | undefined, 'own' | 'default'>;
  revision: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  published_at: Date | null;
  retired_at: Date | null;
}

// A1, F4: files staged with a draft, and a visitor's answers kept while they sign in (migration 0022).
export interface DraftAttachmentTable {
  account_id: string;
  service_code: string;
  component_id: string;
  label: string;
  file_key: string;
  sha256: string;
  size: ColumnType<string, number, number>;
  kind: string;
  mime: string;
  original_name: string;
  uploaded_at: ColumnType<Date, Date | undefined, Date>;
}

export interface VisitorDraftTable {
  token_hash: string;
  service_code: string;
  form_version: string;
  answers: ColumnType<unknown, string, string>;
  step: number;
  created_at: ColumnType<Date, Date | undefined, never>;
}

// A1, A4, F6: attachments, supplement requests and the apology (migration 0009).
export interface ApplicationAttachmentTable {
  id: Generated<string>;
  application_id: string;
  component_id: string | null;
  label: string;
  file_key: string;
  sha256: string;
  size: ColumnType<string, number, never>;
  kind: string;
  mime: string;
  original_name: string;
  uploaded_at: ColumnType<Date, Date | undefined, never>;
  uploaded_by: string | null;
  source: 'upload' | 'vault';
  vault_document_id: string | null;
  supplement_request_id: string | null;
  supplement_item: string | null;
  /** A paper received at the counter: original, copy or certified copy, how many, and its digitisation (0030). */
  paper_form: ColumnType<'ban-chinh' | 'ban-sao' | 'ban-sao-chung-thuc' | null, 'ban-chinh' | 'ban-sao' | 'ban-sao-chung-thuc' | null | undefined, never>;
  paper_copies: ColumnType<number | null, number | null | undefined, never>;
  digitised_by: ColumnType<string | null, string | null | undefined, never>;
  digitised_by_name: ColumnType<string | null, string | null | undefined, never>;
  digitised_at: ColumnType<Date | null, Date | null | undefined, never>;
  matches_original: ColumnType<boolean | null, boolean | null | undefined, never>;
}

export interface ApplicationSupplementRequestTable {
  id: Generated<string>;
  application_id: string;
  items: ColumnType<{ id: string; componentId: string | null; label: string }[], string, never>;
  reason: string;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date;
  completed_at: Date | null;
  paused_days: number | null;
  due_before: ColumnType<string | null, string | null | undefined, string | null>;
  due_after: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationApologyTable {
  application_id: string;
  officer_id: string | null;
  officer_name: string;
  reason: string;
  previous_due_date: ColumnType<string | null, string | null, never>;
  new_due_date: ColumnType<string, string, never>;
  sent_at: Date;
}

/** Q3: the same sums per agency and month, kept from service_stat_month by a trigger (decision 0013). */
export type AgencyStatMonthTable = Omit<ServiceStatMonthTable, 'service_code' | 'offline_recorded_by' | 'offline_recorded_at'>;

// Phản ánh, kiến nghị: citizens' feedback, its daily numbers and each agency's deadline (migration 0021).
export interface PetitionTable {
  id: Generated<string>;
  code: string;
  subject: string;
  content: string;
  sender_id: string | null;
  sender_name: string;
  sender_email: string | null;
  sender_phone: string | null;
  service_code: string | null;
  application_code: string | null;
  agency_code: string;
  consent_at: ColumnType<Date, Date, never>;
  received_at: ColumnType<Date, Date | undefined, never>;
  due_date: ColumnType<string, string, string>;
  answer: string | null;
  answerer_id: string | null;
  answerer_name: string | null;
  answered_at: Date | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  search_text: ColumnType<string, never, never>;
}

export interface PetitionSequenceTable {
  day: string;
  last: number;
}

export interface PetitionDeadlineTable {
  agency_code: string;
  handling_days: number;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  petition: PetitionTable;
  petition_sequence: PetitionSequenceTable;
  petition_deadline: PetitionDeadlineTable;
  form_draft: FormDraftTable;
  form_definition: FormDefinitionTable;
  draft_attachment: DraftAttachmentTable;
  visitor_draft: VisitorDraftTable;
  vault_document: VaultDocumentTable;
  vault_acceptance: VaultAcceptanceTable;
  vault_field: VaultFieldTable;
  vault_usage: VaultUsageTable;
  rate_limit: RateLimitTable;
  sign_in_throttle: SignInThrottleTable;
  known_device: KnownDeviceTable;
  sign_in_code: SignInCodeTable;
  rating: RatingTable;
  guidance: GuidanceTable;
  faq: FaqTable;
  service_stat_month: ServiceStatMonthTable;
  agency_stat_month: AgencyStatMonthTable;
  notice: NoticeTable;
  notification_preference: NotificationPreferenceTable;
  notification_template: NotificationTemplateTable;
  webhook_subscription: WebhookSubscriptionTable;
  delivery: DeliveryTable;
  delivery_log: DeliveryLogTable;
  delivery_worker: DeliveryWorkerTable;
  password_reset: PasswordResetTable;
  application: ApplicationTable;
  application_fee: ApplicationFeeTable;
  payment: PaymentTable;
  signing_key: SigningKeyTable;
  application_result: ApplicationResultTable;
  application_event: ApplicationEventTable;
  application_hop: ApplicationHopTable;
  agency_duty: AgencyDutyTable;
  calendar_decision: CalendarDecisionTable;
  calendar_day: CalendarDayTable;
  deadline_digest: DeadlineDigestTable;
  application_sequence: ApplicationSequenceTable;
  application_attachment: ApplicationAttachmentTable;
  application_supplement_request: ApplicationSupplementRequestTable;
  application_apology: ApplicationApologyTable;
  account: AccountTable;
  session: SessionTable;
  account_totp: AccountTotpTable;
  agency_membership: AgencyMembershipTable;
  account_recovery_code: AccountRecoveryCodeTable;
  pending_sign_in: PendingSignInTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  oidc_login: OidcLoginTable;
  oidc_consent: OidcConsentTable;
  meta: MetaTable;
  maintenance_notice: MaintenanceNoticeTable;
  agency: AgencyTable;
  document_kind: DocumentKindTable;
  service: ServiceTable;
  service_implementation: ServiceImplementationTable;
  search_synonym: SearchSynonymTable;
  catalog_version: CatalogVersionTable;
  signing_certificate: SigningCertificateTable;
  exchange_dossier: ExchangeDossierTable;
  datasource_use: DataSourceUseTable;
  receipt_series: ReceiptSeriesTable;
  payment_receipt: PaymentReceiptTable;
  payment_refund: PaymentRefundTable;
  bundle: BundleTable;
  bundle_part: BundlePartTable;
}

export interface SigningCertificateTable {
  fingerprint: string;
  agency_code: string;
  subject: string;
  issuer: string;
  serial: string;
  not_before: Date;
  not_after: Date;
  chain_length: number;
  created_at: ColumnType<Date, Date | undefined, never>;
}

// A3, P3: a dossier the national portal forwarded and the application it became (0036).
export interface ExchangeDossierTable {
  dossier_code: string;
  application_id: string;
  service_code: string;
  agency_code: string;
  /** SHA-256 of the message as received, to tell a repeat from a different dossier under the same code. */
  body_sha256: string;
  received_at: ColumnType<Date, Date | undefined, never>;
}

/** V4, Art. 15.3: a use of a national database for a person (migration 0037). */
export interface DataSourceUseTable {
  id: Generated<string>;
  owner_id: string;
  source: 'dan-cu' | 'ho-tich' | 'ket-qua-so';
  purpose: 'component' | 'prefill';
  subject: string;
  reference: string | null;
  service_code: string | null;
  component_id: string | null;
  application_id: string | null;
  application_code: string | null;
  agency_code: string | null;
  at: ColumnType<Date, Date | undefined, never>;
}

// A7: electronic receipts numbered per agency and year, and refunds of paid fees (0038).
export interface ReceiptSeriesTable {
  agency_code: string;
  year: number;
  last_number: number;
}

export interface PaymentReceiptTable {
  id: Generated<string>;
  payment_id: string;
  application_id: string;
  agency_code: string;
  year: number;
  seq: number;
  number: string;
  lookup_code: string;
  payer_name: string;
  amount: ColumnType<string, number | string, never>;
  fee_name: string;
  gateway: string;
  gateway_txn_no: string | null;
  paid_at: Date;
  refunded_at: Date | null;
  refund_reason: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface PaymentRefundTable {
  id: Generated<string>;
  payment_id: string;
  amount: ColumnType<string, number | string, never>;
  reason: string;
  officer_id: string | null;
  gateway_refund_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

// Bundled services across agencies: one dossier, one application per part (0039).
export interface BundleTable {
  id: Generated<string>;
  code: string;
  definition: string;
  definition_version: number;
  applicant_id: string;
  applicant_name: string;
  place_code: string;
  form_version: string;
  done_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface BundlePartTable {
  bundle_id: string;
  part: string;
  position: number;
  service_code: string;
  agency_code: string;
  route: 'dvctt' | 'exchange';
  application_id: string | null;
  external_ref: string | null;
  /** Through the exchange: the status the other side last reported (0040). */
  external_status: number | null;
}

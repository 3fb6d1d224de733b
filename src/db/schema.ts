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
  kind: 'ministry' | 'province' | 'department' | 'district' | 'commune';
  parent_code: string | null;
  shares_data: ColumnType<boolean, boolean | undefined, boolean>;
  address: string | null;
  phone: string | null;
  email: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DocumentKindTable {
  code: string;
  name: string;
  expires: ColumnType<boolean, boolean | undefined, boolean>;
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
  details: ColumnType<unknown, string, string>;
  search_text: ColumnType<string, never, never>;
  search_tsv: ColumnType<string, never, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  meta: MetaTable;
  maintenance_notice: MaintenanceNoticeTable;
  agency: AgencyTable;
  document_kind: DocumentKindTable;
  service: ServiceTable;
}

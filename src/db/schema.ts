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

export interface Database {
  meta: MetaTable;
  maintenance_notice: MaintenanceNoticeTable;
}

// Demo accounts (P7), listed in the README: one per role, all with the password DEMO_PASSWORD.
import type { DB } from '../db/index.ts';
import { createAccount } from './store.ts';

export const DEMO_PASSWORD = 'Demo-dvctt-2026';

export const DEMO_ACCOUNTS = [
  { username: 'congdan', fullName: 'Nguyễn Văn An', role: 'citizen', agencyCode: null, email: 'congdan@example.vn', phone: '0912345678', idNumber: '056090001234', dateOfBirth: '1990-05-20' },
  { username: 'canbo.syt', fullName: 'Trần Thị Bình', role: 'officer', agencyCode: '000.00.12.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
  { username: 'canbo.nhatrang', fullName: 'Lê Văn Cường', role: 'officer', agencyCode: '000.33.01.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
  // The other agencies of the bundled services (docs/bundles.md): the commune police and the social insurance office.
  { username: 'canbo.congan', fullName: 'Võ Văn Phúc', role: 'officer', agencyCode: '000.22.01.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
  { username: 'canbo.bhxh', fullName: 'Đặng Thị Giang', role: 'officer', agencyCode: '000.40.01.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
  { username: 'quantri', fullName: 'Phạm Thị Dung', role: 'admin', agencyCode: '000.00.00.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
  { username: 'lanhdao', fullName: 'Hoàng Văn Em', role: 'manager', agencyCode: '000.00.00.H34', email: null, phone: null, idNumber: null, dateOfBirth: null },
] as const;

export async function seedDemoAccounts(db: DB): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom('account').select('id').where('username', '=', a.username).executeTakeFirst();
    if (!exists) await createAccount(db, { ...a, password: DEMO_PASSWORD });
  }
}

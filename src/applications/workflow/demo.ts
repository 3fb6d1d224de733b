// Demo data for the workflow (A3, P7): at Sở Y tế (000.00.12.H34) a head of unit who assigns, a
// leader who approves, and a unit under it with its officer, to transfer an application to and back.
import type { DB } from '../../db/index.ts';
import { createAccount, DEMO_PASSWORD } from '../../identity/index.ts';

export const DEMO_AGENCY = '000.00.12.H34';
export const DEMO_SUBUNIT = '000.00.12.H34.01';

const PEOPLE = [
  { username: 'truongphong.syt', fullName: 'Võ Thị Giang', agencyCode: DEMO_AGENCY, duty: 'head' },
  { username: 'lanhdao.syt', fullName: 'Đặng Văn Hải', agencyCode: DEMO_AGENCY, duty: 'leader' },
  { username: 'canbo.duoc', fullName: 'Bùi Thị Khánh', agencyCode: DEMO_SUBUNIT, duty: null },
] as const;

export async function seedWorkflowDemo(db: DB): Promise<void> {
  const parent = await db.selectFrom('agency').select('code').where('code', '=', DEMO_AGENCY).executeTakeFirst();
  if (!parent) return;
  await db
    .insertInto('agency')
    .values({ code: DEMO_SUBUNIT, name: 'Phòng Nghiệp vụ Dược, Sở Y tế tỉnh Khánh Hòa', kind: 'department', parent_code: DEMO_AGENCY, address: 'Số 04 Phan Chu Trinh, phường Nha Trang, tỉnh Khánh Hòa' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const p of PEOPLE) {
    const found = await db.selectFrom('account').select('id').where('username', '=', p.username).executeTakeFirst();
    const id = found?.id ?? (await createAccount(db, { username: p.username, fullName: p.fullName, role: 'officer', agencyCode: p.agencyCode, password: DEMO_PASSWORD }));
    if (p.duty) await db.insertInto('agency_duty').values({ account_id: id, agency_code: p.agencyCode, duty: p.duty, added_by: 'demo' }).onConflict((oc) => oc.doNothing()).execute();
  }
}

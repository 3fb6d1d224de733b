// Demo petitions (P7): two published answers on the public list, and one waiting past its due
// date in the health department's list, so the officers' page shows an overdue item.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';

const DEMO = [
  {
    code: 'PAKN-20260303-0001',
    day: '2026-03-03',
    due: '2026-03-17',
    agency: '000.00.12.H34',
    service: '1.004616',
    subject: 'Đề nghị cho phép nộp bản chụp giấy khám sức khỏe khi cấp chứng chỉ hành nghề dược',
    content: 'Khi nộp hồ sơ trực tuyến cấp chứng chỉ hành nghề dược, tôi phải mang bản giấy giấy khám sức khỏe đến Sở để đối chiếu. Đề nghị Sở chấp nhận bản chụp có chữ ký số của cơ sở khám bệnh.',
    answer: 'Sở Y tế tiếp nhận bản chụp giấy khám sức khỏe có chữ ký số của cơ sở khám bệnh, chữa bệnh; người nộp không phải xuất trình bản giấy, trừ khi có nghi vấn cần xác minh.',
    sender: 'Nguyễn Thị Hoa',
  },
  {
    code: 'PAKN-20260415-0001',
    day: '2026-04-15',
    due: '2026-05-06',
    agency: '000.00.00.H34',
    service: null,
    subject: 'Cổng dịch vụ công khó đọc trên điện thoại khi phóng to chữ',
    content: 'Khi bật chữ lớn trên điện thoại, một số bảng trên cổng phải cuộn ngang. Đề nghị sửa để người cao tuổi dễ sử dụng.',
    answer: 'Cảm ơn ông/bà đã phản ánh. Các bảng trên cổng đã được điều chỉnh để hiển thị theo từng thẻ trên màn hình nhỏ, không phải cuộn ngang.',
    sender: 'Trần Văn Minh',
  },
];

export async function seedPetitionsDemo(db: DB): Promise<void> {
  const agencies = new Set((await db.selectFrom('agency').select('code').execute()).map((a) => a.code));
  const services = new Set((await db.selectFrom('service').select('code').execute()).map((s) => s.code));
  for (const d of DEMO) {
    if (!agencies.has(d.agency)) continue;
    const at = new Date(`${d.day}T09:00:00+07:00`);
    await db
      .insertInto('petition')
      .values({
        code: d.code,
        subject: d.subject,
        content: d.content,
        sender_name: d.sender,
        sender_email: 'nguoigui@example.vn',
        service_code: d.service && services.has(d.service) ? d.service : null,
        agency_code: d.agency,
        consent_at: at,
        received_at: at,
        due_date: d.due,
        answer: d.answer,
        answerer_name: 'Cán bộ tiếp nhận',
        answered_at: new Date(at.getTime() + 3 * 86_400_000),
        published: true,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await db.insertInto('petition_sequence').values({ day: d.day, last: 1 }).onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`GREATEST(petition_sequence.last, 1)` })).execute();
  }
  // Waiting past its due date: the citizen's, to the health department.
  const citizen = await db.selectFrom('account').select('id').where('username', '=', 'congdan').executeTakeFirst();
  if (citizen && agencies.has('000.00.12.H34')) {
    const at = new Date('2026-05-04T10:00:00+07:00');
    await db
      .insertInto('petition')
      .values({
        code: 'PAKN-20260504-0001',
        subject: 'Hồ sơ cấp chứng chỉ hành nghề chưa được trả lời yêu cầu bổ sung',
        content: 'Tôi đã bổ sung giấy tờ theo yêu cầu nhưng sau hai tuần chưa nhận được thông báo tiếp theo.',
        sender_id: citizen.id,
        sender_name: 'Nguyễn Văn An',
        sender_email: 'congdan@example.vn',
        sender_phone: '0912345678',
        agency_code: '000.00.12.H34',
        consent_at: at,
        received_at: at,
        due_date: '2026-05-18',
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await db.insertInto('petition_sequence').values({ day: '2026-05-04', last: 1 }).onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`GREATEST(petition_sequence.last, 1)` })).execute();
  }
}

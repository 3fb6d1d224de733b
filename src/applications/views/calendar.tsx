// /quan-tri/lich-lam-viec: the working calendar of a year — the public holidays as the law fixes
// them, each decision with its days off and make-up working days — a decision entered once, and
// /quan-tri/lich-lam-viec/gio-lam-viec: the agencies' working hours (A4).
import { actionColumn, DataTable } from '../../web/components/data-table.tsx';
import { AdminPage } from '../../web/components/admin-page.tsx';
import { Field, Select, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { PostForm } from '../../web/components/post-button.tsx';
import { dayVi, noticeTime } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { DEFAULT_WORKING_HOURS } from '../calendar.ts';
import type { AgencyHours, StoredDecision } from '../calendar-admin-store.ts';
import { hoursText, KIND_LABEL } from '../calendar-decision.ts';
import type { Holiday } from '../holidays.ts';

export const CALENDAR_LABELS: Record<string, string> = {
  year: 'Năm',
  reference: 'Số hiệu quyết định',
  title: 'Trích yếu',
  days: 'Các ngày của quyết định',
  agency: 'Cơ quan',
  hours: 'Giờ làm việc',
};

const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdayOf = (day: string) => WEEKDAY[new Date(`${day}T00:00:00Z`).getUTCDay()]!;

interface Row {
  day: string;
  kind: string;
  name: string;
  source: string;
}

export interface CalendarPageProps {
  ctx: PageContext;
  year: number;
  holidays: Holiday[];
  decisions: StoredDecision[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

export function CalendarPage({ ctx, year, holidays, decisions, values = {}, errors = {}, notice }: CalendarPageProps) {
  const title = `Lịch làm việc năm ${year}`;
  const rows: Row[] = [
    ...holidays.map((h) => ({ day: h.day, kind: 'Nghỉ lễ, Tết', name: h.name, source: 'Bộ luật Lao động 2019, Điều 112' })),
    ...decisions.flatMap((d) => d.days.map((x) => ({ day: x.day, kind: x.kind === 'day-off' ? 'Nghỉ thêm' : 'Làm bù', name: x.name, source: d.reference }))),
  ].sort((a, b) => a.day.localeCompare(b.day));
  return (
    <AdminPage ctx={ctx} title={title} description="Ngày nghỉ lễ, ngày nghỉ thêm và ngày làm bù dùng để tính hạn giải quyết hồ sơ." notice={notice} errors={errors} labels={CALENDAR_LABELS}>
      <p>
        Hạn giải quyết, hạn tiếp nhận trong 8 giờ làm việc, thời gian tạm dừng, cảnh báo sắp đến hạn, thống kê đúng hạn và thời gian báo trước khi bảo trì đều tính theo lịch này. Ngày
        nghỉ lễ được tính sẵn theo luật; quyết định hằng năm của Thủ tướng (hoán đổi ngày làm việc) được nhập một lần ở đây và có hiệu lực ngay trên mọi máy chủ.
      </p>
      <nav aria-label="Chọn năm">
        <a href={`/quan-tri/lich-lam-viec?nam=${year - 1}`}>‹ Năm {year - 1}</a> · <a href={`/quan-tri/lich-lam-viec?nam=${year + 1}`}>Năm {year + 1} ›</a> ·{' '}
        <a href="/quan-tri/lich-lam-viec/gio-lam-viec">Giờ làm việc của các cơ quan</a>
      </nav>
      <DataTable caption={`Ngày nghỉ và ngày làm bù năm ${year}`} cards rows={rows} rowKey={(r) => `${r.day}-${r.source}`} columns={[
        { header: 'Ngày', cell: (r) => `${weekdayOf(r.day)}, ${dayVi(r.day)}` },
        { header: 'Loại', cell: (r) => r.kind },
        { header: 'Tên', cell: (r) => r.name },
        { header: 'Căn cứ', cell: (r) => r.source },
      ]} />
      <h2>Quyết định đã nhập ({decisions.length})</h2>
      <DataTable caption={`Quyết định về ngày nghỉ, ngày làm bù năm ${year}`} captionHidden cards rows={decisions} rowKey={(d) => d.id} empty="Chưa nhập quyết định nào cho năm này." columns={[
        { header: CALENDAR_LABELS.reference, cell: (d) => d.reference },
        { header: CALENDAR_LABELS.title, cell: (d) => d.title },
        { header: 'Các ngày', cell: (d) => d.days.map((x) => `${dayVi(x.day)} (${KIND_LABEL[x.kind]})`).join(', ') },
        { header: 'Người nhập', cell: (d) => `${d.createdBy ?? ''}, ${noticeTime(d.createdAt)}` },
        actionColumn<StoredDecision>(ctx.csrfToken, (d) => `/quan-tri/lich-lam-viec/${d.id}/xoa`, (d) => d.reference),
      ]} />
      <h2>Nhập quyết định</h2>
      <PostForm action="/quan-tri/lich-lam-viec" csrfToken={ctx.csrfToken} submit="Lưu quyết định">
        <Field name="year" label={CALENDAR_LABELS.year!} value={values.year ?? String(year)} errors={errors} required maxLength={4} inputMode="numeric" />
        <Field name="reference" label={CALENDAR_LABELS.reference!} value={values.reference} errors={errors} required maxLength={200} hint="Ví dụ: Quyết định số 1234/QĐ-TTg ngày 15/11/2025." />
        <Field name="title" label={CALENDAR_LABELS.title!} value={values.title} errors={errors} required maxLength={500} hint="Ví dụ: Về việc hoán đổi ngày làm việc dịp Tết Nguyên đán." />
        <TextArea
          name="days"
          label={CALENDAR_LABELS.days!}
          value={values.days}
          errors={errors}
          required
          rows={6}
          hint="Mỗi ngày một dòng: ngày/tháng/năm; nghỉ hoặc làm bù; tên ngày. Ví dụ: 02/01/2026; nghỉ; Nghỉ hoán đổi Tết Dương lịch — 10/01/2026; làm bù; Làm bù ngày 02/01. Ngày nghỉ thêm phải là ngày làm việc, ngày làm bù phải là thứ Bảy hoặc Chủ nhật."
        />
      </PostForm>
    </AdminPage>
  );
}

export interface WorkingHoursPageProps {
  ctx: PageContext;
  agencies: AgencyHours[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

export function WorkingHoursPage({ ctx, agencies, values = {}, errors = {}, notice }: WorkingHoursPageProps) {
  return (
    <AdminPage ctx={ctx} title="Giờ làm việc của các cơ quan" description="Giờ làm việc dùng để tính hạn tiếp nhận 8 giờ làm việc và thời hạn tính bằng giờ." notice={notice} errors={errors} labels={CALENDAR_LABELS}>
      <p>
        Hạn tiếp nhận hồ sơ trực tuyến (8 giờ làm việc) và thời hạn giải quyết tính bằng giờ chỉ đếm giờ làm việc của cơ quan tiếp nhận. Cơ quan chưa đặt giờ riêng làm việc theo giờ
        hành chính: {hoursText(DEFAULT_WORKING_HOURS)}. <a href="/quan-tri/lich-lam-viec">Về lịch làm việc</a>
      </p>
      <h2>Đặt giờ làm việc</h2>
      <PostForm action="/quan-tri/lich-lam-viec/gio-lam-viec" csrfToken={ctx.csrfToken} submit="Lưu giờ làm việc">
        <Select name="agency" label={CALENDAR_LABELS.agency!} options={agencies.map((a) => ({ value: a.code, label: a.name }))} value={values.agency} errors={errors} required choose="Chọn cơ quan" />
        <Field name="hours" label={CALENDAR_LABELS.hours!} value={values.hours} errors={errors} maxLength={120} hint="Các khoảng giờ theo thứ tự, ví dụ: 07:00-11:30, 13:00-16:30. Để trống để dùng giờ hành chính." />
      </PostForm>
      <DataTable caption="Giờ làm việc hiện dùng" cards rows={agencies} rowKey={(a) => a.code} columns={[
        { header: CALENDAR_LABELS.agency, cell: (a) => a.name },
        { header: CALENDAR_LABELS.hours, cell: (a) => (a.hours ? hoursText(a.hours) : `${hoursText(DEFAULT_WORKING_HOURS)} (giờ hành chính)`) },
      ]} />
    </AdminPage>
  );
}

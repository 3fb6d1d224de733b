// /quan-tri/bao-tri: administrators schedule and cancel maintenance windows (S6, Art. 11.2e).
// Who is an administrator and which days are working days come from app wiring: shared web code
// does not import the identity or applications modules.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from './components/form.tsx';
import { noticeTime } from './format.ts';
import { cancelWindow, checkMaintenance, latestShownFrom, scheduleWindow, upcomingWindows, type IsWorkingDay } from './maintenance.ts';
import { loadPageContext, sendPage, type WebDeps } from './routes.ts';
import { MaintenancePage } from './views/maintenance.tsx';
import { MessagePage } from './views/message.tsx';
import { PARAGRAPH, pageBody } from './page-body.ts';

export interface MaintenanceDeps extends WebDeps {
  /** Signed in and an administrator; undefined when not signed in at all. */
  isAdministrator: (req: FastifyRequest) => boolean | undefined;
  isWorkingDay: IsWorkingDay;
  /** Writes the audit log line for a scheduled or cancelled window. */
  audit: (req: FastifyRequest, action: string, details: Record<string, unknown>) => Promise<void>;
  now?: () => Date;
}

const FIELDS = ['startsAt', 'endsAt', 'shownFrom', 'messageVi', 'messageEn'] as const;

export async function maintenanceRoutes(app: FastifyInstance, deps: MaintenanceDeps): Promise<void> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const allowed = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const admin = deps.isAdministrator(req);
    if (admin === undefined) {
      reply.redirect(`/dang-nhap?next=${encodeURIComponent('/quan-tri/bao-tri')}`, 303);
      return false;
    }
    if (!admin) {
      sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không có quyền truy cập', body: 'Trang này chỉ dành cho quản trị viên.' }), 403);
      return false;
    }
    return true;
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {}, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    // The earliest start that can still be announced one whole working day ahead, as a hint.
    const tomorrow = new Date(now().getTime() + 24 * 3_600_000);
    let probe = tomorrow;
    for (let i = 0; i < 30 && latestShownFrom(probe, deps.isWorkingDay) < now(); i++) probe = new Date(probe.getTime() + 24 * 3_600_000);
    const latestHint = `Để trống để hiện từ đầu ngày làm việc liền trước ngày bảo trì. Thông báo phải hiện từ ít nhất một ngày làm việc trước khi bảo trì; bảo trì sớm nhất có thể báo trước đúng hạn bắt đầu từ ngày ${noticeTime(probe).slice(6)}.`;
    return sendPage(reply, MaintenancePage({ ctx, windows: await upcomingWindows(db, now()), latestHint, ...extra }), status);
  };

  app.get<{ Querystring: { da?: string } }>('/quan-tri/bao-tri', async (req, reply) => {
    if (!(await allowed(req, reply))) return reply;
    const notice = req.query.da === 'len-lich' ? 'Đã lên lịch bảo trì; thông báo sẽ hiện trên mọi trang từ thời điểm đã chọn.' : req.query.da === 'huy' ? 'Đã hủy đợt bảo trì.' : undefined;
    return render(req, reply, { notice });
  });

  app.post('/quan-tri/bao-tri', { schema: { body: pageBody(Object.fromEntries(FIELDS.map((f) => [f, PARAGRAPH]))) } }, async (req, reply) => {
    if (!(await allowed(req, reply))) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(FIELDS.map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).slice(0, 2000) : ''])) as Record<(typeof FIELDS)[number], string>;
    const checked = checkMaintenance(values, now(), deps.isWorkingDay, noticeTime);
    if ('errors' in checked) return render(req, reply, { values, errors: checked.errors }, 400);
    const id = await scheduleWindow(db, checked.window);
    await deps.audit(req, 'maintenance.schedule', { id, startsAt: checked.window.startsAt.toISOString(), endsAt: checked.window.endsAt.toISOString() });
    return reply.redirect('/quan-tri/bao-tri?da=len-lich', 303);
  });

  app.post<{ Params: { id: string } }>('/quan-tri/bao-tri/:id/huy', { schema: { body: pageBody({}) } }, async (req, reply) => {
    if (!(await allowed(req, reply))) return reply;
    const id = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : NaN;
    if (!Number.isFinite(id) || !(await cancelWindow(db, id))) {
      return sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy', body: 'Không có đợt bảo trì này, hoặc đợt bảo trì đã được hủy.' }), 404);
    }
    await deps.audit(req, 'maintenance.cancel', { id });
    return reply.redirect('/quan-tri/bao-tri?da=huy', 303);
  });
}

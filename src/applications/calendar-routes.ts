// The working calendar's administration at /quan-tri/lich-lam-viec: each year's decision on days
// off and make-up working days, and the agencies' working hours (A4). Every change is audited and,
// once stored, used at once by this instance and within a second by the others (calendar-store).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, audit, GATES, guards } from '../identity/index.ts';
import { explain } from '../web/problem.ts';
import { ID, LINE, PARAGRAPH, pageBody } from '../web/page-body.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { vietnamYear } from '../web/format.ts';
import { agencyHours, decisionsOf, deleteDecision, insertDecision, setWorkingHours, takenDays } from './calendar-admin-store.ts';
import { CALENDAR_PROBLEMS, checkDecision, hoursText, parseDays, parseWorkingHours, YEAR_MAX, YEAR_MIN, type CalendarProblem } from './calendar-decision.ts';
import { calendarSource } from './calendar-store.ts';
import { publicHolidays } from './holidays.ts';
import type { ApplicationRouteDeps } from './route-deps.ts';
import { CalendarPage, WorkingHoursPage } from './views/calendar.tsx';

const PAGE = '/quan-tri/lich-lam-viec';
const HOURS_PAGE = `${PAGE}/gio-lam-viec`;
const text = (body: unknown, key: string, max: number) => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

export async function calendarRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const onlyAdmin = guards(deps).page(GATES.admin);

  const errorsOf = (problems: CalendarProblem[], locale: 'vi' | 'en') => {
    const errors: Record<string, string> = {};
    for (const p of problems) {
      const key = p.field ?? 'form';
      const message = explain(CALENDAR_PROBLEMS, p, locale).message;
      errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
    }
    return errors;
  };

  const calendarPage = async (req: FastifyRequest, reply: FastifyReply, year: number, extra: { values?: Record<string, string>; problems?: CalendarProblem[]; notice?: string } = {}, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    const errors = extra.problems && errorsOf(extra.problems, ctx.locale);
    return sendPage(reply, CalendarPage({ ctx, year, holidays: publicHolidays(year), decisions: await decisionsOf(db, year), values: extra.values, notice: extra.notice, ...(errors && { errors }) }), status);
  };

  app.get<{ Querystring: { nam?: string; da?: string } }>(PAGE, { preHandler: onlyAdmin }, async (req, reply) => {
    const asked = Number(req.query.nam);
    const year = Number.isInteger(asked) && asked >= YEAR_MIN && asked <= YEAR_MAX ? asked : vietnamYear();
    const notice = req.query.da === 'them' ? 'Đã lưu quyết định; hạn giải quyết của hồ sơ nộp từ nay tính theo lịch mới.' : req.query.da === 'xoa' ? 'Đã xóa quyết định và các ngày của quyết định.' : undefined;
    return calendarPage(req, reply, year, { notice });
  });

  app.post(PAGE, { preHandler: onlyAdmin, schema: { body: pageBody({ year: ID, reference: LINE, title: LINE, days: PARAGRAPH }) } }, async (req, reply) => {
    const values = { year: text(req.body, 'year', 8), reference: text(req.body, 'reference', 500), title: text(req.body, 'title', 1000), days: text(req.body, 'days', 5000) };
    const asked = Number(values.year);
    const year = Number.isInteger(asked) && asked >= YEAR_MIN && asked <= YEAR_MAX ? asked : vietnamYear();
    const checked = checkDecision(values, await takenDays(db, parseDays(values.days).days.map((d) => d.day)));
    const refused = (problems: CalendarProblem[]) => calendarPage(req, reply, year, { values, problems }, Math.max(...problems.map((p) => CALENDAR_PROBLEMS.status[p.code])));
    if (!checked.ok) return refused(checked.problems);
    const actor = actorOf(req);
    const id = await insertDecision(db, checked.decision, actor.username);
    // Another administrator stored one of these days a moment ago.
    if (id === undefined) {
      const again = checkDecision(values, await takenDays(db, checked.decision.days.map((d) => d.day)));
      return refused(again.ok ? [{ code: 'DAYS_MISSING', field: 'days' }] : again.problems);
    }
    await audit(db, { actor, action: 'calendar.decision.add', targetType: 'calendar_decision', targetId: String(id), ip: req.ip, details: { ...checked.decision } });
    await calendarSource(db).reload();
    return reply.redirect(`${PAGE}?nam=${checked.decision.year}&da=them`, 303);
  });

  app.post<{ Params: { id: string } }>(`${PAGE}/:id/xoa`, { preHandler: onlyAdmin, schema: { body: pageBody({}) } }, async (req, reply) => {
    const removed = /^\d{1,9}$/.test(req.params.id) ? await deleteDecision(db, Number(req.params.id)) : undefined;
    if (!removed) return calendarPage(req, reply, vietnamYear(), { problems: [{ code: 'DECISION_NOT_FOUND' }] }, CALENDAR_PROBLEMS.status.DECISION_NOT_FOUND);
    await audit(db, { actor: actorOf(req), action: 'calendar.decision.delete', targetType: 'calendar_decision', targetId: req.params.id, ip: req.ip, details: removed });
    await calendarSource(db).reload();
    return reply.redirect(`${PAGE}?nam=${removed.year}&da=xoa`, 303);
  });

  const hoursPage = async (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; problems?: CalendarProblem[]; notice?: string } = {}, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    const errors = extra.problems && errorsOf(extra.problems, ctx.locale);
    return sendPage(reply, WorkingHoursPage({ ctx, agencies: await agencyHours(db, [...actorOf(req).agencies]), values: extra.values, notice: extra.notice, ...(errors && { errors }) }), status);
  };

  app.get<{ Querystring: { da?: string } }>(HOURS_PAGE, { preHandler: onlyAdmin }, async (req, reply) => {
    return hoursPage(req, reply, { notice: req.query.da === 'luu' ? 'Đã lưu giờ làm việc; hạn tiếp nhận của hồ sơ nộp từ nay tính theo giờ mới.' : undefined });
  });

  app.post(HOURS_PAGE, { preHandler: onlyAdmin, schema: { body: pageBody({ agency: ID, hours: LINE }) } }, async (req, reply) => {
    const values = { agency: text(req.body, 'agency', 40), hours: text(req.body, 'hours', 200) };
    const actor = actorOf(req);
    const parsed = parseWorkingHours(values.hours);
    const problems: CalendarProblem[] = [];
    if (!actor.agencies.has(values.agency)) problems.push({ code: 'AGENCY_UNKNOWN', field: 'agency' });
    if (!parsed.ok) problems.push(parsed.problem);
    const set = !problems.length && parsed.ok ? await setWorkingHours(db, values.agency, parsed.hours) : undefined;
    if (!set) return hoursPage(req, reply, { values, problems: problems.length ? problems : [{ code: 'AGENCY_UNKNOWN', field: 'agency' }] }, 400);
    const hours = parsed.ok && parsed.hours ? hoursText(parsed.hours) : null;
    await audit(db, { actor, action: 'calendar.working-hours.set', targetType: 'agency', targetId: values.agency, agencyCode: values.agency, ip: req.ip, details: { hours, before: set.before && hoursText(set.before) } });
    await calendarSource(db).reload();
    return reply.redirect(`${HOURS_PAGE}?da=luu`, 303);
  });
}

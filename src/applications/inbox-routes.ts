// The officer's inbox (A3–A5): the page /can-bo/ho-so with its filters in the URL and keyset
// pages, the same queue as CSV streamed batch by batch, and GET /api/v1/inbox → { items, next, counts }.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { actorOf, apiGate, GATES, guards, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import { sendDownload } from '../web/download.ts';
import { timeVi, dayVi } from '../web/format.ts';
import type { Problem } from '../web/problem.ts';
import { WARNING_NAMES } from './deadlines.ts';
import { API_NAMES, explainInbox, PAGE_NAMES, parseInboxQuery, parsePageSize, resolveAssignee, type InboxProblem, type ParsedInboxQuery } from './inbox-problems.ts';
import { assigneesOf, CHANNEL_NAMES, inboxBatches, inboxChoices, inboxPage, officerByUsername, type InboxFilters, type InboxItem } from './inbox-store.ts';
import { InboxPage } from './views/inbox.tsx';
import type { ApplicationRouteDeps } from './route-deps.ts';

const PAGE_SIZE = 50;

const ITEM_SCHEMA = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    service: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    agency: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } }, description: 'Cơ quan tiếp nhận' },
    unit: { type: 'string', description: 'Đơn vị đang giữ hồ sơ' },
    applicant: { type: 'string' },
    channel: { type: 'string', enum: ['truc-tuyen', 'truc-tiep', 'buu-chinh'] },
    assignee: { type: ['string', 'null'], description: 'Họ tên cán bộ xử lý; null: chưa phân công' },
    status: { type: 'integer' },
    statusName: { type: 'string' },
    dueDate: { type: ['string', 'null'] },
    receptionDueAt: { type: ['string', 'null'], format: 'date-time', description: 'Hạn tiếp nhận (8 giờ làm việc, hồ sơ trực tuyến)' },
    submittedAt: { type: 'string', format: 'date-time' },
    files: { type: 'integer' },
    warnings: { type: 'array', items: { type: 'string', enum: ['reception-late', 'due-soon', 'overdue'] } },
  },
} as const;
const COUNT = { type: 'integer' } as const;
const COUNTS_SCHEMA = {
  type: 'object',
  description: 'Số hồ sơ khớp bộ lọc (mỗi số tối đa bằng cap): theo trạng thái (không tính bộ lọc trạng thái) và theo cảnh báo (không tính bộ lọc hạn)',
  properties: {
    status: { type: 'object', additionalProperties: COUNT },
    warnings: { type: 'object', properties: { 'reception-late': COUNT, 'due-soon': COUNT, overdue: COUNT } },
    cap: COUNT,
  },
} as const;

const apiItem = (a: InboxItem) => ({
  code: a.code,
  service: { code: a.serviceCode, name: a.serviceName },
  agency: { code: a.agencyCode, name: a.agencyName },
  unit: a.unitCode,
  applicant: a.applicantName,
  channel: a.channel,
  assignee: a.assigneeName,
  status: a.status,
  statusName: a.statusName,
  dueDate: a.dueDate,
  receptionDueAt: a.receptionDueAt?.toISOString() ?? null,
  submittedAt: a.submittedAt.toISOString(),
  files: a.files,
  warnings: a.warnings,
});

const csvCell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const CSV_HEAD = ['Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Cơ quan tiếp nhận', 'Đơn vị đang giữ', 'Kênh', 'Cán bộ xử lý', 'Trạng thái', 'Nộp lúc', 'Hạn tiếp nhận', 'Hạn giải quyết', 'Cảnh báo'];
export const csvLine = (a: InboxItem) =>
  [a.code, a.applicantName, a.serviceName, a.agencyName, a.unitCode, CHANNEL_NAMES[a.channel], a.assigneeName, a.statusName, timeVi(a.submittedAt), a.receptionDueAt ? timeVi(a.receptionDueAt) : '', a.dueDate ? dayVi(a.dueDate) : '', a.warnings.map((w) => WARNING_NAMES[w]).join('; ')]
    .map(csvCell)
    .join(',') + '\r\n';

export async function inboxRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const only = { staff: guards(deps).page(GATES.staff) };

  /** The query's filters for the store, with the assignee resolved, or the problem with them. */
  const filtersOf = async (actor: Actor, parsed: ParsedInboxQuery, name: string): Promise<{ filters: InboxFilters } | { problem: Problem<InboxProblem> }> => {
    const assignee = await resolveAssignee(actor, parsed.assignee, (u) => officerByUsername(db, actor, u));
    if (assignee === false) return { problem: { code: 'INBOX_FILTER', field: name, params: { name, value: parsed.assignee!, hint: 'không có cán bộ này trong đơn vị của bạn' } } };
    return { filters: { ...parsed.filters, ...(assignee && { assignee }) } };
  };

  app.get<{ Querystring: Record<string, string> }>('/can-bo/ho-so', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    const values = Object.fromEntries(Object.values(PAGE_NAMES).map((n) => [n, typeof req.query[n] === 'string' ? req.query[n].slice(0, 200) : undefined]));
    const [ctx, choices, officers] = await Promise.all([loadPageContext(req, deps), inboxChoices(db, actor), assigneesOf(db, actor)]);
    const refuse = (problem: Problem<InboxProblem>) => {
      const p = explainInbox(problem, ctx.locale);
      return sendPage(reply, InboxPage({ ctx, values, choices, officers, error: { field: p.field ?? 'form', message: p.message } }), p.status);
    };
    const parsed = parseInboxQuery(req.query, PAGE_NAMES);
    if (!parsed.ok) return refuse(parsed.problem);
    const f = await filtersOf(actor, parsed.value, PAGE_NAMES.assignee);
    if ('problem' in f) return refuse(f.problem);
    const result = await inboxPage(db, actor, f.filters, PAGE_SIZE, parsed.value.after);
    return sendPage(reply, InboxPage({ ctx, values, choices, officers, result }));
  });

  app.get<{ Querystring: Record<string, string> }>('/can-bo/ho-so.csv', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    const parsed = parseInboxQuery({ ...req.query, [PAGE_NAMES.after]: undefined }, PAGE_NAMES);
    const f = parsed.ok ? await filtersOf(actor, parsed.value, PAGE_NAMES.assignee) : { problem: parsed.problem };
    if ('problem' in f) {
      const p = explainInbox(f.problem);
      return reply.code(p.status).type('text/plain; charset=utf-8').send(`${p.message} Không có tệp nào được tạo.\n`);
    }
    const lines = async function* () {
      yield '\uFEFF' + CSV_HEAD.join(',') + '\r\n';
      for await (const batch of inboxBatches(db, actor, f.filters)) yield batch.map(csvLine).join('');
    };
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    return sendDownload(reply, { name: `ho-so-${day}.csv`, type: 'text/csv; charset=utf-8', personal: true }).send(Readable.from(lines()));
  });

  const apiRefuse = (reply: FastifyReply, problem: Problem<InboxProblem>) => {
    const p = explainInbox(problem);
    return reply.code(p.status).send(apiError(p.code, p.message));
  };
  app.get<{ Querystring: Record<string, string> }>(
    '/api/v1/inbox',
    {
      preHandler: apiGate(GATES.staff, 'Chỉ cán bộ và quản trị của cơ quan xem được hộp hồ sơ.'),
      schema: {
        tags: ['hồ sơ'],
        summary: 'Hộp hồ sơ của người đăng nhập (cán bộ: hồ sơ chưa phân công và của mình trong đơn vị; trưởng đơn vị, lãnh đạo, quản trị: cả đơn vị), mới nhất trước, phân trang theo con trỏ',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', description: 'Mã trạng thái 1–10' },
            service: { type: 'string', description: 'Mã thủ tục' },
            agency: { type: 'string', description: 'Mã cơ quan tiếp nhận' },
            assignee: { type: 'string', description: 'me, nobody hoặc tên đăng nhập của cán bộ' },
            due: { type: 'string', description: 'reception-late (quá 8 giờ làm việc chưa tiếp nhận), due-soon (còn 1 ngày làm việc), overdue (quá hạn)' },
            channel: { type: 'string', description: 'truc-tuyen, truc-tiep, buu-chinh' },
            q: { type: 'string', description: 'Mã hồ sơ, số CCCD hoặc tên người nộp' },
            after: { type: 'string', description: 'Giá trị next của trang trước' },
            pageSize: { type: 'string', description: 'Số hồ sơ một trang, 1–100 (mặc định 50)' },
          },
        },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: ITEM_SCHEMA }, next: { type: ['string', 'null'] }, counts: COUNTS_SCHEMA }, required: ['items', 'next', 'counts'] } },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const size = parsePageSize(req.query.pageSize);
      if (!size.ok) return apiRefuse(reply, size.problem);
      const parsed = parseInboxQuery(req.query, API_NAMES);
      if (!parsed.ok) return apiRefuse(reply, parsed.problem);
      const f = await filtersOf(actor, parsed.value, API_NAMES.assignee);
      if ('problem' in f) return apiRefuse(reply, f.problem);
      const r = await inboxPage(db, actor, f.filters, size.value, parsed.value.after);
      return { items: r.items.map(apiItem), next: r.next ?? null, counts: r.counts };
    },
  );
}

// Export of applications in the national portal's fields and status codes (P3; docs/national-export.md):
// changed applications since a time, one agency or the caller's scope, in keyset pages.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { applicationsJoined } from '../db/joins.ts';
import { actorOf, apiGate, audit, GATES } from '../identity/index.ts';
import { sendProblem } from './problems.ts';
import { vietnamStamp } from '../web/format.ts';
import { STATUS_NAMES, type Status } from './model.ts';

/** yyyyMMddHHmmss in Vietnam time, the national portal's date format. */
export function nationalTime(d: Date | null | undefined): string | null {
  return d ? vietnamStamp(d) : null;
}

/** A due day is due by the end of office hours (17:00) that day. */
export function nationalDueDate(day: string | null): string | null {
  return day ? `${day.replaceAll('-', '')}170000` : null;
}

export function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1]) && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(v[0])) return [v[0], v[1]];
  } catch {
    // falls through
  }
  return undefined;
}

const ITEM_SCHEMA = {
  type: 'object',
  properties: {
    MaHoSo: { type: 'string', description: 'Mã hồ sơ (A1)' },
    MaTTHC: { type: 'string', description: 'Mã thủ tục hành chính trong CSDL quốc gia' },
    TenTTHC: { type: 'string' },
    MaLinhVuc: { type: 'string' },
    MaCoQuan: { type: 'string', description: 'Mã cơ quan tiếp nhận' },
    TenCoQuan: { type: 'string' },
    KenhThucHien: { type: 'integer', description: '1 trực tiếp, 2 trực tuyến, 3 bưu chính' },
    ChuHoSo: { type: 'string' },
    LoaiDoiTuong: { type: 'integer', description: '1 công dân, 2 doanh nghiệp/tổ chức' },
    MaDoiTuong: { type: ['string', 'null'], description: 'Số CCCD hoặc mã số thuế' },
    SoDienThoai: { type: ['string', 'null'] },
    Email: { type: ['string', 'null'] },
    NgayNopHoSo: { type: 'string', description: 'yyyyMMddHHmmss (giờ Việt Nam)' },
    NgayTiepNhan: { type: ['string', 'null'] },
    NgayHenTra: { type: ['string', 'null'] },
    NgayKetThucXuLy: { type: ['string', 'null'] },
    NgayTra: { type: ['string', 'null'] },
    TrangThaiHoSo: { type: 'integer', description: 'Mã trạng thái quốc gia 1–10 (A3)' },
    TenTrangThaiHoSo: { type: 'string' },
    HinhThuc: { type: ['integer', 'null'], description: 'Hình thức trả kết quả: 1 trực tuyến, 2 bưu chính; null khi chưa có kết quả' },
    DuocThanhToanTrucTuyen: { type: 'integer', description: '1 đã thanh toán trực tuyến, 0 không' },
    DanhSachLePhi: { type: 'array', items: { type: 'object', properties: { TenPhiLePhi: { type: 'string' }, SoTien: { type: 'integer' }, TrangThai: { type: 'string' } } } },
    KetQuaDienTu: { type: ['object', 'null'], properties: { SHA256: { type: 'string' }, MaKhoa: { type: 'string' }, ThoiDiemKy: { type: 'string' } } },
    NgayCapNhat: { type: 'string' },
  },
} as const;

export async function exportRoutes(app: FastifyInstance, deps: { db: DB }): Promise<void> {
  const { db } = deps;
  app.get<{ Querystring: { since?: string; agency?: string; cursor?: string; limit?: number } }>(
    '/api/v1/export/applications',
    {
      preHandler: apiGate(GATES.staff, 'Chỉ cán bộ và quản trị của cơ quan được xuất hồ sơ.'),
      schema: {
        tags: ['liên thông'],
        summary: 'Xuất hồ sơ theo trường dữ liệu và mã trạng thái của Cổng DVC quốc gia (cán bộ: cơ quan mình; quản trị: cây cơ quan), phân trang theo con trỏ',
        querystring: {
          type: 'object',
          properties: {
            since: { type: 'string', maxLength: 40, description: 'Chỉ hồ sơ thay đổi từ thời điểm này (ISO 8601)' },
            agency: { type: 'string', maxLength: 40, description: 'Mã cơ quan tiếp nhận' },
            cursor: { type: 'string', maxLength: 200, description: 'nextCursor của trang trước' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: ITEM_SCHEMA }, nextCursor: { type: ['string', 'null'] } }, required: ['items', 'nextCursor'] } },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { since, agency, cursor } = req.query;
      const limit = req.query.limit ?? 100;
      if (agency && !actor.agencies.has(agency)) return sendProblem(reply, { code: 'FORBIDDEN', params: { agency } });
      const sinceDate = since ? new Date(since) : undefined;
      if (since && Number.isNaN(sinceDate!.getTime())) return sendProblem(reply, { code: 'INVALID_SINCE', field: 'since', params: { since } });
      const after = cursor ? decodeCursor(cursor) : undefined;
      if (cursor && !after) return sendProblem(reply, { code: 'INVALID_CURSOR', field: 'cursor' });
      const agencies = agency ? [agency] : [...actor.agencies];
      if (!agencies.length) return { items: [], nextCursor: null };

      const firstAt = (status: number) => sql<Date | null>`(SELECT min(e.at) FROM application_event e WHERE e.application_id = a.id AND e.status_to = ${status})`;
      const rows = await applicationsJoined(db)
        .leftJoin('application_result as r', 'r.application_id', 'a.id')
        .select([
          'a.id',
          'a.code',
          'a.service_code',
          's.name as service_name',
          's.field',
          'a.agency_code',
          'g.name as agency_name',
          'p.full_name',
          'p.kind',
          'p.id_number',
          'p.tax_code',
          'p.phone',
          'p.email',
          'a.submitted_at',
          'a.due_date',
          'a.status',
          'a.finished_at',
          'a.updated_at',
          sql<string>`a.updated_at::text`.as('updated_text'),
          firstAt(2).as('received_at'),
          firstAt(9).as('resolved_at'),
          firstAt(10).as('returned_at'),
          'r.delivery',
          'r.sha256',
          'r.key_id',
          'r.signed_at',
          sql<boolean>`EXISTS (SELECT 1 FROM payment x WHERE x.application_id = a.id AND x.status = 'paid' AND x.gateway <> 'transfer')`.as('paid_online'),
        ])
        .where('a.agency_code', 'in', agencies)
        .$if(!!sinceDate, (qb) => qb.where('a.updated_at', '>=', sinceDate!))
        .$if(!!after, (qb) => qb.where(sql<boolean>`(a.updated_at, a.id) > (${after![0]}::timestamptz, ${after![1]}::uuid)`))
        .orderBy('a.updated_at')
        .orderBy('a.id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const fees = page.length
        ? await db.selectFrom('application_fee').select(['application_id', 'amount', 'reason', 'state']).where('application_id', 'in', page.map((r) => r.id)).orderBy('requested_at').execute()
        : [];
      await audit(db, { actor, action: 'national-export', targetType: 'application', targetId: `${page.length}`, agencyCode: agency ?? actor.agencyCode, ip: req.ip, details: { since: since ?? null, agency: agency ?? null } });
      const items = page.map((r) => ({
        MaHoSo: r.code,
        MaTTHC: r.service_code,
        TenTTHC: r.service_name,
        MaLinhVuc: r.field,
        MaCoQuan: r.agency_code,
        TenCoQuan: r.agency_name,
        KenhThucHien: 2,
        ChuHoSo: r.full_name,
        LoaiDoiTuong: r.kind === 'business' ? 2 : 1,
        MaDoiTuong: r.kind === 'business' ? r.tax_code : r.id_number,
        SoDienThoai: r.phone,
        Email: r.email,
        NgayNopHoSo: nationalTime(r.submitted_at)!,
        NgayTiepNhan: nationalTime(r.received_at),
        NgayHenTra: nationalDueDate(r.due_date),
        NgayKetThucXuLy: nationalTime(r.resolved_at ?? (r.status === 3 || r.status === 8 ? r.finished_at : null)),
        NgayTra: nationalTime(r.returned_at),
        TrangThaiHoSo: r.status,
        TenTrangThaiHoSo: STATUS_NAMES[r.status as Status],
        HinhThuc: r.delivery ? (r.delivery === 'post' ? 2 : 1) : null,
        DuocThanhToanTrucTuyen: r.paid_online ? 1 : 0,
        DanhSachLePhi: fees.filter((f) => f.application_id === r.id).map((f) => ({ TenPhiLePhi: f.reason ?? 'Phí, lệ phí theo danh mục thủ tục', SoTien: Number(f.amount), TrangThai: f.state })),
        KetQuaDienTu: r.sha256 ? { SHA256: r.sha256, MaKhoa: r.key_id!, ThoiDiemKy: nationalTime(r.signed_at)! } : null,
        NgayCapNhat: nationalTime(r.updated_at)!,
      }));
      const last = page.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.updated_text, last.id) : null };
    },
  );
}

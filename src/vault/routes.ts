// The user's data store through the API (P3) and the pages "Kho dữ liệu của tôi" (V1–V4); the
// officers' reading of a document an application brought from the store; the sharing switch.
import { Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { getService, implementationAt, SERVICE_CODE } from '../catalog/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { actorOf, audit, can, formatDate, GATES, getProfile, guards, refusePage, type Profile } from '../identity/index.ts';
import type { FileStore } from '../storage/index.ts';
import { apiError } from '../web/api-error.ts';
import { formatAddress } from '../web/provinces.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { sendDownload } from '../web/download.ts';
import { explain, type Problem } from '../web/problem.ts';
import { checkMetadata, type VaultProblem } from './model.ts';
import { VAULT_PROBLEMS } from './problems.ts';
import { documentsOf, getDocument, UUID, vietnamToday, type VaultDocument } from './store.ts';
import { requirementsFor } from './reuse.ts';
import { applicationNamed, deleteField, fieldsOf, openForStaff, usageOf, type DataField, type UsageEntry } from './usage.ts';
import { deleteDocument, updateMetadata } from './changes.ts';
import { setSharing, sharingGroups } from './sharing.ts';
import { DocumentPage, SharingPage, StorePage, UsagePage, type DocumentForm, type ProfileField } from './views/store-pages.tsx';
import { ID, LINE, pageBody } from '../web/page-body.ts';

export interface VaultDeps {
  db: DB;
  portal: PortalIdentity;
  files: FileStore;
  /** The person's other usage logs (the national databases', Art. 15.3), shown on the usage page. */
  moreUsage?: (ownerId: string) => Promise<ComponentChildren>;
}

const fieldJson = (f: DataField) => ({ key: f.key, label: f.label, value: f.value, agencyName: f.agencyName, application: f.applicationCode, updatedAt: f.updatedAt });
const usageJson = (u: UsageEntry) => ({ at: u.at, action: u.action, document: u.documentId, documentTitle: u.documentTitle, field: u.fieldKey, fieldLabel: u.fieldLabel, application: u.applicationCode, agency: u.agencyCode, agencyName: u.agencyName });

function documentJson(d: VaultDocument) {
  return {
    id: d.id,
    kind: d.kind,
    kindName: d.kindName,
    title: d.title,
    number: d.number,
    issuer: d.issuer,
    issuedOn: d.issuedOn,
    validUntil: d.validUntil,
    source: d.source,
    state: d.state,
    application: d.applicationCode,
    file: d.fileKey ? { name: d.fileName, mediaType: d.mediaType, size: d.size, sha256: d.sha256 } : null,
    acceptedBy: d.acceptances.map((a) => ({ agency: a.agencyCode, agencyName: a.agencyName, at: a.at, application: a.applicationCode ?? null })),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function profileFields(p: Profile | undefined): ProfileField[] {
  if (!p) return [];
  const rows: ProfileField[] = [
    { label: 'Họ và tên', value: p.fullName },
    { label: 'Ngày sinh', value: formatDate(p.dateOfBirth) },
    { label: 'Số CCCD', value: p.idNumber ?? '' },
    { label: 'Điện thoại', value: p.phone ?? '' },
    { label: 'Thư điện tử', value: p.email ?? '' },
    { label: 'Nơi thường trú', value: formatAddress(p.permanentAddress) },
    { label: 'Nơi ở hiện tại', value: formatAddress(p.currentAddress) },
  ];
  if (p.kind === 'business') rows.push({ label: 'Mã số thuế', value: p.taxCode ?? '' }, { label: 'Người đại diện', value: p.representative ?? '' });
  return rows;
}

/** A file name safe inside a ZIP. */
function safeName(name: string): string {
  const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return folded.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'tep';
}

const MAX_ZIP_BYTES = 3.5 * 1024 ** 3;
const JSON_SLICE = 64 * 1024;

/**
 * The ZIP of the store, produced lazily: a file is opened only when the one before it is written,
 * and a chunk is read only when the reader has taken the bytes before it (the generator is pulled
 * by the reply). Stored files (PDF, JPEG — already compressed) go in as they are ("store"); the JSON
 * is deflated. Returning early (the client went away) closes the file being read.
 */
async function* zipStream(files: FileStore, entries: readonly { key: string; path: string }[], json: Uint8Array): AsyncGenerator<Buffer> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  function* flush(): Generator<Buffer> {
    if (failure) throw failure;
    while (out.length) {
      const c = out.shift()!;
      if (c.length) yield Buffer.from(c.buffer, c.byteOffset, c.length);
    }
  }
  for (const e of entries) {
    const entry = new ZipPassThrough(e.path);
    zip.add(entry);
    const source = files.open(e.key);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        entry.push(chunk, false);
        yield* flush();
      }
    } finally {
      source.destroy();
    }
    entry.push(new Uint8Array(0), true);
    yield* flush();
  }
  const entry = new ZipDeflate('du-lieu.json', { level: 6 });
  zip.add(entry);
  for (let at = 0; at < json.length || at === 0; at += JSON_SLICE) {
    entry.push(json.subarray(at, at + JSON_SLICE), at + JSON_SLICE >= json.length);
    yield* flush();
  }
  zip.end();
  yield* flush();
}

export async function vaultRoutes(app: FastifyInstance, deps: VaultDeps): Promise<void> {
  const { db, files } = deps;
  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), admin: gate.page(GATES.admin) };

  // ── API ────────────────────────────────────────────────────────────────────────────────────────
  app.get<{ Params: { code: string }; Querystring: { agency?: string } }>(
    '/api/v1/services/:code/requirements',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: {
        tags: ['kho dữ liệu'],
        summary: 'Thành phần hồ sơ của một dịch vụ và giấy tờ trong kho dữ liệu của người gọi đã đáp ứng (không phải nộp lại)',
        description:
          'Mỗi thành phần: { componentId, kind, name, satisfiedBy: null | { documentId, acceptedBy, acceptedByName, acceptedAt, validUntil, title, how } }. Quy tắc V2: giấy tờ cùng loại, đã được chấp nhận, còn hạn hôm nay, do chính cơ quan tiếp nhận hoặc một đơn vị cùng tỉnh, bộ có bật chia sẻ dữ liệu chấp nhận. agency: nơi sẽ nộp (mã một cơ quan thực hiện thủ tục, C1); không có thì cơ quan chủ trì của thủ tục; cơ quan không thực hiện thủ tục: 404 AGENCY_NOT_IMPLEMENTING.',
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 20 } } },
        querystring: { type: 'object', properties: { agency: { type: 'string', maxLength: 40, description: 'Mã cơ quan nơi nộp hồ sơ' } } },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const code = req.params.code;
      const service = SERVICE_CODE.test(code) ? await getService(db, code) : undefined;
      if (!service) {
        const p = explain(VAULT_PROBLEMS, { code: 'SERVICE_NOT_FOUND', params: { code: code.slice(0, 20) } });
        return reply.code(p.status).send(apiError(p.code, p.message));
      }
      // V2 follows where the application will go: the place named, else the procedure's lead agency.
      const place = req.query.agency ? await implementationAt(db, service.code, req.query.agency) : undefined;
      if (req.query.agency && !place) return reply.code(404).send(apiError('AGENCY_NOT_IMPLEMENTING', `Cơ quan "${req.query.agency}" không tiếp nhận thủ tục "${service.name}".`));
      const agency = place ? place.agency : { code: service.agency, name: service.agencyName };
      const day = vietnamToday();
      const items = await requirementsFor(db, { ownerId: actor.id, agencyCode: agency.code, components: service.components, day });
      return {
        service: service.code,
        agency: agency.code,
        agencyName: agency.name,
        day,
        components: items.map((c) => ({
          componentId: c.componentId,
          kind: c.kind,
          name: c.name,
          satisfiedBy: c.satisfiedBy && {
            documentId: c.satisfiedBy.documentId,
            title: c.satisfiedBy.title,
            acceptedBy: c.satisfiedBy.acceptedBy,
            acceptedByName: c.satisfiedBy.acceptedByName,
            acceptedAt: c.satisfiedBy.acceptedAt,
            validUntil: c.satisfiedBy.validUntil,
            how: c.satisfiedBy.how,
          },
        })),
      };
    },
  );

  app.get(
    '/api/v1/me/documents',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['kho dữ liệu'], summary: 'Kho dữ liệu của người gọi: giấy tờ (loại, số, cơ quan cấp, ngày cấp, hiệu lực, tệp, hồ sơ kèm theo, cơ quan chấp nhận) và thông tin đã được tiếp nhận' } },
    async (req) => {
      const [docs, fields] = await Promise.all([documentsOf(db, actorOf(req).id), fieldsOf(db, actorOf(req).id)]);
      return { items: docs.map(documentJson), fields: fields.map(fieldJson) };
    },
  );

  app.get(
    '/api/v1/me/documents/usage',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['kho dữ liệu'], summary: 'Nhật ký sử dụng kho dữ liệu: mỗi lần dùng lại hoặc cán bộ mở xem — hồ sơ nào, cơ quan nào, lúc nào' } },
    async (req) => ({ items: (await usageOf(db, actorOf(req).id)).map(usageJson) }),
  );

  // ── Pages ─────────────────────────────────────────────────────────────────────────────────────
  /** A problem as the portal's message page, in the page's language, under its title. */
  const message = async (req: FastifyRequest, reply: FastifyReply, title: string, problem: Problem<VaultProblem>) => {
    const ctx = await loadPageContext(req, deps);
    const p = explain(VAULT_PROBLEMS, problem, ctx.locale);
    return sendPage(reply, MessagePage({ ctx, title, body: p.message }), p.status);
  };
  const missing = (req: FastifyRequest, reply: FastifyReply) => message(req, reply, 'Không tìm thấy giấy tờ', { code: 'NOT_FOUND' });
  /** The document's page with problems shown beside their fields (or above the form). */
  const documentPage = async (req: FastifyRequest, reply: FastifyReply, ownerId: string, d: VaultDocument, problems: readonly Problem<VaultProblem>[], form?: DocumentForm) => {
    const ctx = await loadPageContext(req, deps);
    const errors = Object.fromEntries(problems.map((p) => [p.field ?? 'form', explain(VAULT_PROBLEMS, p, ctx.locale).message]));
    return sendPage(reply, DocumentPage({ ctx, d, usage: await usageOf(db, ownerId, { documentId: d.id }), form, errors }), VAULT_PROBLEMS.status[problems[0]!.code]);
  };

  const storePage = async (req: FastifyRequest, reply: FastifyReply, ownerId: string, notice?: string) => {
    const [documents, profile, fields, usage] = await Promise.all([documentsOf(db, ownerId), getProfile(db, ownerId), fieldsOf(db, ownerId), usageOf(db, ownerId)]);
    return sendPage(reply, StorePage({ ctx: await loadPageContext(req, deps), documents, profile: profileFields(profile), fields, usageCount: usage.length, notice }));
  };

  app.get<{ Querystring: { 'da-xoa'?: string; 'da-xoa-thong-tin'?: string } }>('/kho-du-lieu', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const notice = req.query['da-xoa'] ? 'Đã xóa giấy tờ khỏi kho dữ liệu.' : req.query['da-xoa-thong-tin'] ? 'Đã xóa thông tin khỏi kho dữ liệu; tờ khai sau không đề nghị thông tin này nữa.' : undefined;
    return storePage(req, reply, actor.id, notice);
  });

  // V4: the person deletes a data field; it is no longer offered, the log of its uses stays.
  app.post<{ Params: { key: string } }>('/kho-du-lieu/thong-tin/:key/xoa', { preHandler: only.signedIn, schema: { body: pageBody({}) } }, async (req, reply) => {
    const actor = actorOf(req);
    if (!(await deleteField(db, actor.id, req.params.key))) return message(req, reply, 'Không tìm thấy thông tin', { code: 'FIELD_NOT_FOUND' });
    return reply.redirect('/kho-du-lieu?da-xoa-thong-tin=1#thong-tin-da-tiep-nhan', 303);
  });

  app.get('/kho-du-lieu/nhat-ky', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, UsagePage({ ctx: await loadPageContext(req, deps), usage: await usageOf(db, actor.id), more: await deps.moreUsage?.(actor.id) }));
  });

  // V4: everything the store holds, as one ZIP — the files and a JSON of the data and the log.
  // Streamed (P6): each file is read from the file store in turn and written out as the ZIP is
  // produced, at the pace the client reads it, so memory stays bounded whatever the store's size.
  app.get('/kho-du-lieu/tai-ve.zip', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const [docs, profile, fields, usage] = await Promise.all([documentsOf(db, actor.id), getProfile(db, actor.id), fieldsOf(db, actor.id), usageOf(db, actor.id, { limit: 100_000 })]);
    const entries: { key: string; path: string }[] = [];
    const listed = [];
    let total = 0;
    for (const [i, d] of docs.entries()) {
      let file: string | null = null;
      if (d.fileKey && (await files.exists(d.fileKey))) {
        file = `giay-to/${String(i + 1).padStart(3, '0')}-${safeName(d.fileName ?? d.title)}`;
        entries.push({ key: d.fileKey, path: file });
        total += d.size ?? 0;
      }
      listed.push({ ...documentJson(d), path: file });
    }
    // Without ZIP64 an archive holds less than 4 GiB; a store that large is downloaded file by file.
    if (total > MAX_ZIP_BYTES) {
      return message(req, reply, 'Kho dữ liệu quá lớn để tải về một lần', { code: 'EXPORT_TOO_LARGE' });
    }
    const data = {
      exportedAt: new Date().toISOString(),
      profile: Object.fromEntries(profileFields(profile).map((f) => [f.label, f.value])),
      documents: listed,
      fields,
      usage,
    };
    const body = Readable.from(zipStream(files, entries, strToU8(JSON.stringify(data, null, 2))), { objectMode: false });
    return sendDownload(reply, { name: `kho-du-lieu-${vietnamToday()}.zip`, type: 'application/zip', personal: true }).send(body);
  });

  app.get<{ Params: { id: string }; Querystring: { 'da-luu'?: string; 'rut-chap-nhan'?: string } }>('/kho-du-lieu/:id', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const d = await getDocument(db, actor.id, req.params.id);
    if (!d) return missing(req, reply);
    const notice = req.query['rut-chap-nhan']
      ? 'Đã lưu. Vì số hiệu, cơ quan cấp hoặc ngày đã thay đổi, giấy tờ sẽ được dùng lại sau khi cơ quan tiếp nhận lại ở hồ sơ sau.'
      : req.query['da-luu']
        ? 'Đã lưu thông tin giấy tờ.'
        : undefined;
    return sendPage(reply, DocumentPage({ ctx: await loadPageContext(req, deps), d, usage: await usageOf(db, actor.id, { documentId: d.id }), notice }));
  });

  app.get<{ Params: { id: string } }>('/kho-du-lieu/:id/tep', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const d = await getDocument(db, actor.id, req.params.id);
    if (!d || !d.fileKey || !(await files.exists(d.fileKey))) return missing(req, reply);
    return sendDownload(reply, { name: d.fileName ?? d.title, type: d.mediaType ?? 'application/octet-stream', personal: true }).send(files.open(d.fileKey));
  });

  app.post<{ Params: { id: string } }>('/kho-du-lieu/:id', { preHandler: only.signedIn, schema: { body: pageBody({ title: LINE, number: LINE, issuer: LINE, issuedOn: ID, validUntil: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const d = await getDocument(db, actor.id, req.params.id);
    if (!d) return missing(req, reply);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (k: string, max = 300) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, max) : '');
    const form: DocumentForm = { title: text('title'), number: text('number'), issuer: text('issuer'), issuedOn: text('issuedOn', 20), validUntil: text('validUntil', 20) };
    const checked = checkMetadata(form, vietnamToday());
    if (!checked.ok) return documentPage(req, reply, actor.id, d, checked.problems, form);
    const result = await updateMetadata(db, actor.id, d.id, checked.value);
    if (!result.ok) return missing(req, reply);
    return reply.redirect(`/kho-du-lieu/${d.id}?${result.value.acceptanceWithdrawn ? 'rut-chap-nhan=1' : 'da-luu=1'}`, 303);
  });

  app.post<{ Params: { id: string } }>('/kho-du-lieu/:id/xoa', { preHandler: only.signedIn, schema: { body: pageBody({}) } }, async (req, reply) => {
    const actor = actorOf(req);
    const result = await deleteDocument(db, actor.id, req.params.id);
    if (result.ok) return reply.redirect('/kho-du-lieu?da-xoa=1', 303);
    const d = result.problem.code === 'IN_USE' ? await getDocument(db, actor.id, req.params.id) : undefined;
    if (!d) return missing(req, reply);
    return documentPage(req, reply, actor.id, d, [result.problem]);
  });

  // ── Officers: a document the application brought from the store, with a row in its owner's log ──
  app.get<{ Params: { documentId: string }; Querystring: { 'ho-so'?: string } }>('/can-bo/kho-du-lieu/:documentId', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const code = String(req.query['ho-so'] ?? '').slice(0, 60);
    const a = code && UUID.test(req.params.documentId) ? await applicationNamed(db, code) : undefined;
    if (!a || a.applicant_id === actor.id || !can(actor, 'application.read', { ownerId: a.applicant_id, agencyCode: a.agency_code })) {
      return message(req, reply, 'Không tìm thấy giấy tờ', { code: 'NOT_IN_SCOPE' });
    }
    const d = await openForStaff(db, { documentId: req.params.documentId, applicationId: a.id, applicationCode: a.code, agencyCode: a.agency_code, actorName: actor.fullName });
    if (!d || !d.fileKey || !(await files.exists(d.fileKey))) return message(req, reply, 'Không tìm thấy giấy tờ', { code: 'NOT_IN_SCOPE' });
    await audit(db, { actor, action: 'personal-data-read', targetType: 'vault-document', targetId: d.id, agencyCode: a.agency_code, ip: req.ip, details: { application: a.code } });
    return sendDownload(reply, { name: d.fileName ?? d.title, type: d.mediaType ?? 'application/octet-stream', inline: true, personal: true }).send(files.open(d.fileKey));
  });

  // ── Administrators: the ministry's or province's switch "shares data between its units" ──────
  const sharingPage = async (req: FastifyRequest, reply: FastifyReply, notice?: string | Problem<VaultProblem>) => {
    const groups = await sharingGroups(db, actorOf(req).agencies);
    const ctx = await loadPageContext(req, deps);
    const p = typeof notice === 'object' ? explain(VAULT_PROBLEMS, notice, ctx.locale) : { status: 200, message: notice };
    return sendPage(reply, SharingPage({ ctx, groups, notice: p.message }), p.status);
  };
  const notAdmin = (req: FastifyRequest, reply: FastifyReply) => refusePage(req, reply, deps, GATES.admin.refusal);

  app.get<{ Querystring: { xong?: string } }>('/quan-tri/chia-se-du-lieu', { preHandler: only.admin }, async (req, reply) => {
    return sharingPage(req, reply, req.query.xong === 'bat' ? 'Đã bật chia sẻ dữ liệu giữa các đơn vị.' : req.query.xong === 'tat' ? 'Đã tắt chia sẻ dữ liệu giữa các đơn vị.' : undefined);
  });

  app.post('/quan-tri/chia-se-du-lieu', { preHandler: only.admin, schema: { body: pageBody({ agency: ID, sharesData: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const agency = typeof body.agency === 'string' ? body.agency.slice(0, 40) : '';
    const on = body.sharesData === 'true' ? true : body.sharesData === 'false' ? false : undefined;
    if (!can(actor, 'catalog.manage', { agencyCode: agency })) return notAdmin(req, reply);
    if (on === undefined || !(await setSharing(db, agency, on))) return sharingPage(req, reply, { code: 'SHARING_GROUP_UNKNOWN' });
    await audit(db, { actor, action: on ? 'data-sharing-on' : 'data-sharing-off', targetType: 'agency', targetId: agency, agencyCode: agency, ip: req.ip });
    return reply.redirect(`/quan-tri/chia-se-du-lieu?xong=${on ? 'bat' : 'tat'}`, 303);
  });
}

// The e-form pages (F2, F3): GET shows the form of a service that has a definition; POST checks
// the answers on the server and shows either the errors or the "check your answers" page.
// Nothing is stored yet: submission of applications comes with the applications module.
import type { FastifyInstance } from 'fastify';
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { formatDate, getProfile, type Profile } from '../identity/index.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { formatAddress } from '../web/provinces.ts';
import { MessagePage } from '../web/views/message.tsx';
import { apiError } from '../web/api-error.ts';
import { topFields, type FormDefinition, type PrefillKey } from './model.ts';
import { definitionForService } from './registry.ts';
import { answersFromFormBody, validateAnswers } from './validate.ts';
import { CheckPage, EFormPage, type SavedOffer, type ServiceRef } from './views/eform.tsx';

export interface FormsDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
}

const CODE = /^[0-9]+\.[0-9]{6}$/;

/** The profile's value for a prefill key, as the form field takes it (dates dd/mm/yyyy). */
function profileValue(p: Profile, key: PrefillKey): unknown {
  switch (key) {
    case 'dateOfBirth':
      return p.dateOfBirth ? formatDate(p.dateOfBirth) : undefined;
    case 'permanentAddress':
    case 'currentAddress':
      return p[key] ?? undefined;
    default:
      return p[key] ?? undefined;
  }
}

function savedOffer(def: FormDefinition, p: Profile | undefined, used: boolean): SavedOffer | undefined {
  if (!p) return undefined;
  const items = topFields(def).flatMap((f) => {
    const v = f.prefill && profileValue(p, f.prefill);
    if (!v) return [];
    return [{ label: f.label, value: typeof v === 'string' ? v : formatAddress(v as Profile['permanentAddress']) }];
  });
  return { items, used };
}

export async function formsRoutes(app: FastifyInstance, deps: FormsDeps): Promise<void> {
  const { db } = deps;

  const find = async (code: string): Promise<{ def: FormDefinition; service: ServiceRef } | undefined> => {
    if (!CODE.test(code)) return undefined;
    const def = definitionForService(code);
    if (!def) return undefined;
    const service = await getService(db, code);
    return service && { def, service: { code: service.code, name: service.name } };
  };

  const notFound = async (req: Parameters<typeof loadPageContext>[0]) => {
    const ctx = await loadPageContext(req, deps);
    return MessagePage({ ctx, title: 'Không có biểu mẫu điện tử', body: 'Thủ tục này chưa có tờ khai điện tử trên cổng, hoặc mã thủ tục không đúng. Bạn có thể xem thủ tục và tải mẫu đơn tại trang Dịch vụ công trực tuyến.' });
  };

  // P3: other systems fill the same form: its definition, the dossier components (each with the
  // document kind it asks for) and a complete, valid example of answers.
  app.get<{ Params: { code: string } }>(
    '/api/v1/services/:code/form',
    { schema: { tags: ['biểu mẫu'], summary: 'Định nghĩa tờ khai điện tử hiện hành của một dịch vụ, thành phần hồ sơ và bộ câu trả lời mẫu hợp lệ' } },
    async (req, reply) => {
      const service = await getService(db, req.params.code.slice(0, 20));
      const def = service && definitionForService(service.code);
      if (!service || !def) return reply.code(404).send(apiError('FORM_NOT_FOUND', `Dịch vụ "${req.params.code.slice(0, 20)}" không có tờ khai điện tử.`));
      return {
        service: service.code,
        version: `${def.id}@${def.version}`,
        definition: def,
        components: service.components.map((c) => ({ id: c.id, name: c.name, kind: c.kind, original: c.original, copy: c.copy })),
        example: def.example,
      };
    },
  );

  app.get<{ Params: { code: string }; Querystring: Record<string, string | undefined> }>('/dich-vu-cong/:code/to-khai', async (req, reply) => {
    const found = await find(req.params.code);
    if (!found) return sendPage(reply, await notFound(req), 404);
    const { def, service } = found;
    const ctx = await loadPageContext(req, deps);
    const profile = req.actor ? await getProfile(db, req.actor.id) : undefined;
    // Stored data is put into the form only when the person asks for it (F3, Art. 8.2).
    const use = !!profile && req.query['dung-thong-tin-da-luu'] === '1';
    const raw: Record<string, unknown> = {};
    if (use) for (const f of topFields(def)) if (f.prefill) raw[f.id] = profileValue(profile, f.prefill);
    return sendPage(reply, EFormPage({ ctx, def, service, raw, saved: savedOffer(def, profile, use) }));
  });

  app.post<{ Params: { code: string } }>('/dich-vu-cong/:code/to-khai', async (req, reply) => {
    const found = await find(req.params.code);
    if (!found) return sendPage(reply, await notFound(req), 404);
    const { def, service } = found;
    const ctx = await loadPageContext(req, deps);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const raw = answersFromFormBody(def, body);
    if (body._action === 'sua') return sendPage(reply, EFormPage({ ctx, def, service, raw }));
    const { values, errors } = validateAnswers(def, raw);
    if (Object.keys(errors).length) return sendPage(reply, EFormPage({ ctx, def, service, raw, errors }), 400);
    return sendPage(reply, CheckPage({ ctx, def, service, raw, values }));
  });
}

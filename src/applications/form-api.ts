// P3, F1, A1: what another system must send to apply for a service — its current e-form (its own,
// or the default one made from its catalog record), each dossier component with whether the form
// requires it, the file types it accepts and its largest size, and a complete, valid example.
import type { FastifyInstance } from 'fastify';
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { versionOf, type FormLibrary } from '../forms/index.ts';
import { apiError } from '../web/api-error.ts';
import { submissionSlots } from './submit.ts';

export async function formApiRoutes(app: FastifyInstance, deps: { db: DB; forms: FormLibrary }): Promise<void> {
  app.get<{ Params: { code: string } }>(
    '/api/v1/services/:code/form',
    {
      schema: {
        tags: ['biểu mẫu'],
        summary: 'Tờ khai điện tử hiện hành của một dịch vụ mức độ 3, 4, thành phần hồ sơ và bộ câu trả lời mẫu hợp lệ',
        description:
          'origin: "own" (tờ khai riêng của thủ tục) hoặc "default" (biểu mẫu mặc định lập từ thành phần hồ sơ); version: phiên bản mà hồ sơ nộp sẽ được kiểm tra theo và ghi lại; components: mỗi thành phần hồ sơ với loại giấy tờ (kind), bắt buộc hay không (required), loại tệp nhận (accept) và dung lượng tối đa (maxBytes); example: bộ câu trả lời hợp lệ. Thủ tục mức độ 1, 2 không nhận hồ sơ trực tuyến: 404.',
      },
    },
    async (req, reply) => {
      const code = req.params.code.slice(0, 20);
      const service = await getService(deps.db, code);
      if (service && service.level < 3) return reply.code(404).send(apiError('FORM_NOT_FOUND', `Thủ tục "${service.name}" ở mức độ ${service.level}: không nhận hồ sơ trực tuyến nên không có tờ khai điện tử; hãy nộp trực tiếp hoặc qua bưu chính.`));
      const form = service && (await deps.forms.formOf(service.code));
      if (!service || !form) return reply.code(404).send(apiError('FORM_NOT_FOUND', `Dịch vụ "${code}" không có tờ khai điện tử.`));
      const { def, origin } = form;
      const slots = submissionSlots(service, def, false);
      return {
        service: service.code,
        origin,
        version: versionOf(def),
        definition: def,
        components: service.components.map((c) => {
          const slot = slots.find((s) => s.componentId === c.id)!;
          return { id: c.id, name: c.name, kind: c.kind, original: c.original, copy: c.copy, required: slot.required, accept: slot.rule.accept, maxBytes: slot.rule.maxBytes };
        }),
        example: def.example,
      };
    },
  );
}

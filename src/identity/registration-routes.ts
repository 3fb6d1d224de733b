// Registration of a citizen's or business's account, on the page and through the API, with the
// person's consent to the privacy notice kept in the same transaction (Decree 13/2023).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/index.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { safeNext } from '../web/page-context.ts';
import { apiError } from '../web/api-error.ts';
import { normalizeUsername } from './model.ts';
import { audit, createAccount, DuplicateAccountError } from './store.ts';
import { field, personProblems } from './form-fields.ts';
import { RegisterPage } from './views/register.tsx';
import { PRIVACY_NOTICE_VERSION, PRIVACY_PATH, PrivacyPage } from './views/privacy.tsx';
import type { IdentityDeps } from './routes.ts';

const PERSON_FIELDS = ['kind', 'fullName', 'username', 'password', 'email', 'phone', 'idNumber', 'dateOfBirth', 'taxCode', 'representative'] as const;

const CONSENT_REQUIRED = 'Hãy đánh dấu ô đồng ý xử lý dữ liệu cá nhân; không có sự đồng ý, tài khoản không được tạo và thông tin bạn nhập không được lưu.';

/** Where to go after registering: a page of this portal given by the sign-in page, never the sign-in or registration pages again. */
function nextAfterRegistering(given: string | undefined): string {
  if (!given) return '';
  const next = safeNext(given);
  return next === '/' || /^\/(dang-ky|dang-nhap)(?:[/?#]|$)/.test(next) ? '' : next;
}

/** A new account and the person's consent to the privacy notice (Decree 13/2023), kept together or not at all. */
async function registerAccount(db: DB, values: Record<string, string>, ip: string, via?: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const id = await createAccount(trx, { ...values, kind: values.kind as 'person' | 'business', username: values.username!, fullName: values.fullName! });
    const actor = { id, username: normalizeUsername(values.username!) };
    await audit(trx, { actor, action: 'register', ip, ...(via && { details: { via } }) });
    await audit(trx, { actor, action: 'consent', targetType: 'account', targetId: id, ip, details: { notice: PRIVACY_NOTICE_VERSION, page: PRIVACY_PATH, ...(via && { via }) } });
    return id;
  });
}

export async function registrationRoutes(
  app: FastifyInstance,
  deps: IdentityDeps & { startSession: (req: FastifyRequest, reply: FastifyReply, accountId: string) => Promise<void> },
): Promise<void> {
  const { db, startSession } = deps;

  app.get<{ Querystring: { next?: string } }>('/dang-ky', async (req, reply) => {
    const next = nextAfterRegistering(req.query.next);
    if (req.actor) return reply.redirect(next || '/tai-khoan', 303);
    return sendPage(reply, RegisterPage({ ctx: await loadPageContext(req, deps), next }));
  });

  app.post('/dang-ky', async (req, reply) => {
    const values = Object.fromEntries(PERSON_FIELDS.map((f) => [f, field(req.body, f)]));
    if (values.kind !== 'business') values.kind = 'person';
    const next = nextAfterRegistering(field(req.body, 'next', 500));
    const errors = personProblems(values, true);
    // Decree 13/2023: nothing is kept about a person who has not agreed to the notice.
    values.consent = field(req.body, 'consent') === 'true' ? 'true' : '';
    if (!values.consent) errors.consent = CONSENT_REQUIRED;
    if (!Object.keys(errors).length) {
      try {
        const id = await registerAccount(db, values, req.ip);
        await startSession(req, reply, id);
        return reply.redirect(next || '/tai-khoan?moi=1', 303);
      } catch (err) {
        if (!(err instanceof DuplicateAccountError)) throw err;
        errors[err.field] = err.message;
      }
    }
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, RegisterPage({ ctx, values: { ...values, password: '' }, errors, next }), 400);
  });

  app.get(PRIVACY_PATH, async (req, reply) => sendPage(reply, PrivacyPage({ ctx: await loadPageContext(req, deps) })));

  const accountBody = {
    type: 'object',
    required: ['username', 'password', 'fullName'],
    properties: {
      username: { type: 'string', maxLength: 40 },
      password: { type: 'string', maxLength: 200 },
      fullName: { type: 'string', maxLength: 100 },
      email: { type: 'string', maxLength: 200 },
      phone: { type: 'string', maxLength: 20 },
      idNumber: { type: 'string', maxLength: 12 },
      dateOfBirth: { type: 'string', maxLength: 10 },
      kind: { type: 'string', enum: ['person', 'business'] },
      taxCode: { type: 'string', maxLength: 14 },
      representative: { type: 'string', maxLength: 100 },
      consent: { type: 'boolean', description: `true: the person has read the privacy notice (${PRIVACY_PATH}) and agrees; required (Decree 13/2023/NĐ-CP).` },
    },
  } as const;

  app.post('/api/v1/auth/register', { schema: { tags: ['tài khoản'], summary: 'Đăng ký tài khoản công dân', body: accountBody } }, async (req, reply) => {
    const values = Object.fromEntries(PERSON_FIELDS.map((f) => [f, field(req.body, f)]));
    if (values.kind !== 'business') values.kind = 'person';
    const errors = personProblems(values, true);
    if ((req.body as { consent?: unknown }).consent !== true) errors.consent = `Cần "consent": true — người đăng ký đã đọc thông báo bảo vệ dữ liệu cá nhân (${PRIVACY_PATH}) và đồng ý; không có sự đồng ý, tài khoản không được tạo.`;
    const first = Object.entries(errors)[0];
    if (first) return reply.code(400).send({ ...apiError(first[0] === 'consent' ? 'CONSENT_REQUIRED' : 'INVALID_FIELD', first[1]), fields: errors });
    try {
      const id = await registerAccount(db, values, req.ip, 'api');
      return reply.code(201).send({ id, username: normalizeUsername(values.username!) });
    } catch (err) {
      if (err instanceof DuplicateAccountError) return reply.code(409).send(apiError('DUPLICATE', err.message));
      throw err;
    }
  });
}

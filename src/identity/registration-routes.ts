// Registration of a citizen's or business's account, on the page and through the API, with the
// person's consent to the privacy notice kept in the same transaction (Decree 13/2023).
//
// Registration does not tell who has an account (S1, ASVS 2.5). When the username is free and no
// other account holds the email address, phone number or CCCD given, the account is made and the
// person is signed in, as before (API: 201). When another account holds any of them, nothing is
// created and the answer names no field: the page goes (303, like a new account) to "Kiểm tra thư
// điện tử hoặc điện thoại của bạn", which says only that no account was made and what to do (sign in,
// Quên mật khẩu, register again); the API answers 202 CHECK_CONTACT with the same words. The owner of
// each account concerned is told by an in-portal notice, email and SMS ("Có người vừa đăng ký…").
// A taken USERNAME is said plainly (field error, API 409): the person must choose another one, and
// usernames are not secrets — they can be neither an email address (no "@") nor a phone number (a
// letter is required), so a taken one reveals nothing about anyone's contact or identity number.
// What remains is a yes/no ("something you gave is in use") per attempt, which the per-source
// allowance (request-limits.ts) and the owner's notice make slow and loud; see docs/security.md.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/index.ts';
import { timeVi } from '../web/format.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { safeNext } from '../web/page-context.ts';
import { apiError } from '../web/api-error.ts';
import { ID, LINE, pageBody } from '../web/page-body.ts';
import { explain, type Problem } from '../web/problem.ts';
import { IDENTITY_PROBLEMS, identityErrors, identityText, type IdentityProblem } from './problems.ts';
import { requestLocale } from './request-locale.ts';
import { MessagePage } from '../web/views/message.tsx';
import { inSentence, signInText } from './sign-in-messages.ts';
import { normalizeUsername } from './model.ts';
import { accountsHolding, audit, createAccount, DuplicateAccountError, usernameTaken } from './store.ts';
import { field, personProblems } from './form-fields.ts';
import { overLimit, REGISTER_LIMIT } from './request-limits.ts';
import { RegisterCheckPage, RegisterPage } from './views/register.tsx';
import { PRIVACY_NOTICE_VERSION, PRIVACY_PATH, PrivacyPage } from './views/privacy.tsx';
import type { IdentityDeps } from './routes.ts';

/** The page a registration goes to when another account holds what was given (it names nothing). */
export const REGISTER_CHECK_PATH = '/dang-ky/kiem-tra';

const PERSON_FIELDS = ['kind', 'fullName', 'username', 'password', 'email', 'phone', 'idNumber', 'dateOfBirth', 'taxCode', 'representative'] as const;

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

type Registered = { outcome: 'created'; id: string } | { outcome: 'username-taken'; problem: Problem<IdentityProblem> } | { outcome: 'held' };

const HELD_NAMES = { email: 'thư điện tử', phone: 'số điện thoại', idNumber: 'số CCCD' } as const;

/**
 * Makes the account, or, when another account holds its email, phone or CCCD, tells each such
 * account's owner and makes nothing. The password is hashed either way, so both take as long.
 */
async function register(deps: RegistrationDeps, values: Record<string, string>, ip: string, via?: string): Promise<Registered> {
  const { db } = deps;
  const username = normalizeUsername(values.username!);
  if (await usernameTaken(db, username)) return { outcome: 'username-taken', problem: new DuplicateAccountError('username').problem };
  try {
    return { outcome: 'created', id: await registerAccount(db, values, ip, via) };
  } catch (err) {
    if (!(err instanceof DuplicateAccountError)) throw err;
    if (err.field === 'username') return { outcome: 'username-taken', problem: err.problem };
  }
  await tellHolders(deps, values, ip, {
    action: 'register-held',
    via,
    title: 'Có người vừa đăng ký tài khoản bằng thông tin của bạn',
    body: (what) =>
      `Lúc ${timeVi(new Date())}, có người vừa đăng ký tài khoản trên ${deps.portal.portalName} bằng ${what} của bạn. Không có tài khoản mới nào được tạo và tài khoản của bạn không bị thay đổi. Nếu là bạn, hãy đăng nhập hoặc dùng Quên mật khẩu. Nếu không phải bạn, bạn không cần làm gì.`,
  });
  return { outcome: 'held' };
}

/**
 * Tells each account that holds the email, phone or CCCD in `values` (other than `except`) that
 * someone tried to use it — in the portal, by email and by SMS — and writes it in the audit log.
 */
export async function tellHolders(
  deps: Pick<IdentityDeps, 'db' | 'notifyAccount'>,
  values: Record<string, string | undefined>,
  ip: string,
  notice: { action: string; via?: string; except?: string; title: string; body: (what: string) => string },
): Promise<void> {
  const holders = (await accountsHolding(deps.db, values)).filter((h) => h.id !== notice.except);
  const phone = values.phone?.replace(/[\s.-]/g, '');
  await deps.db.transaction().execute(async (trx) => {
    for (const h of holders) {
      const what: string[] = [];
      if (values.email && h.email?.toLowerCase() === values.email.toLowerCase()) what.push(HELD_NAMES.email);
      if (phone && (h.phone === phone || h.username === phone)) what.push(HELD_NAMES.phone);
      if (values.idNumber && h.id_number === values.idNumber) what.push(HELD_NAMES.idNumber);
      await audit(trx, { action: notice.action, targetType: 'account', targetId: h.id, ip, details: { fields: what, ...(notice.via && { via: notice.via }) } });
      await deps.notifyAccount?.(trx, h.id, { title: notice.title, body: notice.body(what.join(', ') || 'thông tin') });
    }
  });
}

type RegistrationDeps = IdentityDeps & { startSession: (req: FastifyRequest, reply: FastifyReply, accountId: string) => Promise<void> };

/**
 * Why citizens cannot register with a password here (DVCTT_CITIZEN_SIGNUP=false): the way to sign
 * in with the identity provider when one is configured, else whom to ask.
 */
const signupClosed = (req: FastifyRequest): Problem<IdentityProblem> =>
  req.oidcSignInName ? { code: 'SIGNUP_CLOSED_PROVIDER', params: { name: inSentence(req.oidcSignInName), title: req.oidcSignInName } } : { code: 'SIGNUP_CLOSED' };

export async function registrationRoutes(app: FastifyInstance, deps: RegistrationDeps): Promise<void> {
  const { db, startSession } = deps;
  const open = deps.citizenSignup !== false;

  /** The registration page when registration is closed: what to do instead; nothing is read or kept. */
  const closedPage = async (req: FastifyRequest, reply: FastifyReply, next: string, status: number) => {
    const ctx = await loadPageContext(req, deps);
    const name = req.oidcSignInName;
    const back = name ? { href: `/dang-nhap/oidc?next=${encodeURIComponent(next || '/tai-khoan')}`, label: signInText(ctx.locale)('providerLead', { name: inSentence(name, ctx.locale) }) } : undefined;
    return sendPage(reply, MessagePage({ ctx, title: ctx.t('register'), body: identityText(signupClosed(req), ctx.locale), back }), status);
  };

  app.get<{ Querystring: { next?: string } }>('/dang-ky', async (req, reply) => {
    const next = nextAfterRegistering(req.query.next);
    if (req.actor) return reply.redirect(next || '/tai-khoan', 303);
    if (!open) return closedPage(req, reply, next, 200);
    return sendPage(reply, RegisterPage({ ctx: await loadPageContext(req, deps), next }));
  });

  app.post('/dang-ky', { schema: { body: pageBody({ ...Object.fromEntries(PERSON_FIELDS.map((f) => [f, LINE])), next: LINE, consent: ID }) } }, async (req, reply) => {
    if (!open) return closedPage(req, reply, nextAfterRegistering(field(req.body, 'next', 500)), IDENTITY_PROBLEMS.status.SIGNUP_CLOSED);
    const values = Object.fromEntries(PERSON_FIELDS.map((f) => [f, field(req.body, f)]));
    if (values.kind !== 'business') values.kind = 'person';
    const next = nextAfterRegistering(field(req.body, 'next', 500));
    // Decree 13/2023: nothing is kept about a person who has not agreed to the notice.
    values.consent = field(req.body, 'consent') === 'true' ? 'true' : '';
    const again = await overLimit(db, reply, REGISTER_LIMIT, req.ip);
    if (again) {
      const ctx = await loadPageContext(req, deps);
      return sendPage(reply, RegisterPage({ ctx, values: { ...values, password: '' }, errors: { form: ctx.t('registerTooMany', { minutes: Math.ceil(again / 60) }) }, next }), 429);
    }
    const problems = personProblems(values, true);
    if (!values.consent) problems.consent = { code: 'CONSENT_REQUIRED' };
    if (!Object.keys(problems).length) {
      const done = await register(deps, values, req.ip);
      if (done.outcome === 'created') {
        await startSession(req, reply, done.id);
        return reply.redirect(next || '/tai-khoan?moi=1', 303);
      }
      if (done.outcome === 'held') return reply.redirect(REGISTER_CHECK_PATH, 303);
      problems.username = done.problem;
    }
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, RegisterPage({ ctx, values: { ...values, password: '' }, errors: identityErrors(problems, ctx.locale), next }), 400);
  });

  app.get(REGISTER_CHECK_PATH, async (req, reply) => sendPage(reply, RegisterCheckPage({ ctx: await loadPageContext(req, deps) })));

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

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['tài khoản'],
        summary: 'Đăng ký tài khoản công dân',
        description:
          '201 { id, username }: tài khoản đã tạo. 403 SIGNUP_CLOSED: cổng không nhận đăng ký bằng mật khẩu (DVCTT_CITIZEN_SIGNUP=false) — đăng nhập bằng VNeID; câu trả lời tiếng Anh khi Accept-Language ưu tiên en. 202 CHECK_CONTACT: thư điện tử, số điện thoại hoặc số CCCD đã gắn với một tài khoản khác — không tạo gì, không nói trường nào, chủ tài khoản được thông báo. 409: tên đăng nhập đã có người dùng. 429: quá nhiều yêu cầu từ một nguồn (Retry-After).',
        body: accountBody,
      },
    },
    async (req, reply) => {
      if (!open) {
        const closed = explain(IDENTITY_PROBLEMS, signupClosed(req), requestLocale(req));
        return reply.code(closed.status).send(apiError('SIGNUP_CLOSED', closed.message));
      }
      const values = Object.fromEntries(PERSON_FIELDS.map((f) => [f, field(req.body, f)]));
      if (values.kind !== 'business') values.kind = 'person';
      const again = await overLimit(db, reply, REGISTER_LIMIT, req.ip);
      if (again) return reply.code(429).send(apiError('TOO_MANY_REQUESTS', identityText({ code: 'REGISTER_TOO_MANY', params: { minutes: Math.ceil(again / 60) } })));
      const problems = personProblems(values, true);
      if ((req.body as { consent?: unknown }).consent !== true) problems.consent = { code: 'CONSENT_REQUIRED_API', params: { page: PRIVACY_PATH } };
      const errors = identityErrors(problems, 'vi');
      const first = Object.entries(errors)[0];
      if (first) return reply.code(400).send({ ...apiError(first[0] === 'consent' ? 'CONSENT_REQUIRED' : 'INVALID_FIELD', first[1]), fields: errors });
      const done = await register(deps, values, req.ip, 'api');
      if (done.outcome === 'created') return reply.code(201).send({ id: done.id, username: normalizeUsername(values.username!) });
      if (done.outcome === 'username-taken') {
        const taken = explain(IDENTITY_PROBLEMS, done.problem);
        return reply.code(taken.status).send({ ...apiError('DUPLICATE', taken.message), fields: { username: taken.message } });
      }
      const check = explain(IDENTITY_PROBLEMS, { code: 'CHECK_CONTACT' });
      return reply.code(check.status).send(apiError(check.code, check.message));
    },
  );
}

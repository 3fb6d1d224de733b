// Ratings (Q2), guidance pages and the FAQ (Q1) in PostgreSQL.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import type { RatingLevel } from '../db/schema.ts';
import { CHANGE_DAYS, checkRating, RATEABLE_STATUSES, type RatingInput, type RatingProblem } from './model.ts';
import type { Outcome } from '../web/problem.ts';

// ── Ratings ──────────────────────────────────────────────────────────────────────────────────

export interface Rating {
  overall: RatingLevel;
  convenience: RatingLevel | null;
  timeliness: RatingLevel | null;
  attitude: RatingLevel | null;
  comment: string | null;
  createdAt: Date;
  /** Until when it may still be changed. */
  changeableUntil: Date;
}

export async function ratingOf(db: DB, applicationId: string): Promise<Rating | undefined> {
  const r = await db.selectFrom('rating').select(['overall', 'convenience', 'timeliness', 'attitude', 'comment', 'created_at']).where('application_id', '=', applicationId).executeTakeFirst();
  if (!r) return undefined;
  const { created_at, ...rest } = r;
  return { ...rest, createdAt: created_at, changeableUntil: new Date(created_at.getTime() + CHANGE_DAYS * 86_400_000) };
}

export type SaveRatingResult = Outcome<{ created: boolean; rating: Omit<Rating, 'createdAt' | 'changeableUntil'> }, RatingProblem>;

/** The one place a rating is given or changed: by the applicant, once ended, within 7 days. */
export async function saveRating(db: DB, applicantId: string, code: string, input: RatingInput, now = new Date()): Promise<SaveRatingResult> {
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('application').select(['id', 'status', 'applicant_id']).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!a || a.applicant_id !== applicantId) return { ok: false, problem: { code: 'NOT_FOUND', params: { code } } };
    if (!RATEABLE_STATUSES.has(a.status)) return { ok: false, problem: { code: 'NOT_ENDED' } };
    const checked = checkRating(input);
    if (!checked.ok) return checked;
    const existing = await trx.selectFrom('rating').select('created_at').where('application_id', '=', a.id).executeTakeFirst();
    if (existing && now.getTime() - existing.created_at.getTime() > CHANGE_DAYS * 86_400_000) {
      return { ok: false, problem: { code: 'RATING_FINAL' } };
    }
    // checkRating guarantees the overall level.
    const v = { ...checked.value, overall: checked.value.overall! };
    await trx
      .insertInto('rating')
      .values({ application_id: a.id, ...v })
      .onConflict((oc) => oc.column('application_id').doUpdateSet({ ...v, updated_at: now }))
      .execute();
    return { ok: true, value: { created: !existing, rating: v } };
  });
}

// ── Guidance ─────────────────────────────────────────────────────────────────────────────────

export interface Guidance extends GuidanceInput {
  id: number;
  updatedAt: Date;
}

const guidanceColumns = ['id', 'slug', 'title', 'summary', 'body_md as bodyMd', 'service_codes as serviceCodes', 'published', 'updated_at as updatedAt'] as const;

export async function listGuidance(db: DB, options: { all?: boolean } = {}): Promise<Guidance[]> {
  return db
    .selectFrom('guidance')
    .select(guidanceColumns)
    .$if(!options.all, (q) => q.where('published', '=', true))
    .orderBy('title')
    .execute();
}

export async function getGuidance(db: DB, by: { slug: string } | { id: number }): Promise<Guidance | undefined> {
  return db
    .selectFrom('guidance')
    .select(guidanceColumns)
    .$if('slug' in by, (q) => q.where('slug', '=', (by as { slug: string }).slug))
    .$if('id' in by, (q) => q.where('id', '=', (by as { id: number }).id))
    .executeTakeFirst();
}

export async function guidanceForService(db: DB, serviceCode: string): Promise<Pick<Guidance, 'slug' | 'title'>[]> {
  return db
    .selectFrom('guidance')
    .select(['slug', 'title'])
    .where('published', '=', true)
    .where(sql<boolean>`service_codes @> ARRAY[${serviceCode}]::text[]`)
    .orderBy('title')
    .execute();
}

export interface GuidanceInput {
  slug: string;
  title: string;
  summary: string | null;
  bodyMd: string;
  serviceCodes: string[];
  published: boolean;
}

export async function saveGuidance(db: DB, id: number | null, g: GuidanceInput, by: string): Promise<number> {
  const values = { slug: g.slug, title: g.title, summary: g.summary, body_md: g.bodyMd, service_codes: g.serviceCodes, published: g.published, updated_by: by };
  if (id === null) return (await db.insertInto('guidance').values(values).returning('id').executeTakeFirstOrThrow()).id;
  await db.updateTable('guidance').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
  return id;
}

export async function existingServices(db: DB, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('service').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ── FAQ ──────────────────────────────────────────────────────────────────────────────────────

export interface FaqEntry {
  id: number;
  serviceCode: string | null;
  serviceName: string | null;
  agencyCode: string | null;
  question: string;
  askedAt: Date;
  askerId: string | null;
  answer: string | null;
  answererName: string | null;
  answeredAt: Date | null;
  published: boolean;
  views: number;
}

function faqQuery(db: DB) {
  return db
    .selectFrom('faq')
    .leftJoin('service', 'service.code', 'faq.service_code')
    .select([
      ...named('faq', ['id', 'service_code']),
      'service.name as serviceName',
      ...named('service', ['agency_code']),
      ...named('faq', ['question', 'asked_at', 'asker_id', 'answer', 'answerer_name', 'answered_at', 'published', 'views']),
    ]);
}

/**
 * Published entries whose question or answer holds every word of `q`, with or without Vietnamese
 * marks ("chung chi duoc" finds "chứng chỉ hành nghề dược"), each as a whole word; those holding
 * the words as one phrase first, then the most viewed.
 */
export async function searchFaq(db: DB, f: { q?: string; service?: string | null; limit?: number }): Promise<FaqEntry[]> {
  const words = faqWords(f.q ?? '');
  return faqQuery(db)
    .where('faq.published', '=', true)
    .$if(f.service !== undefined, (qb) => (f.service === null ? qb.where('faq.service_code', 'is', null) : qb.where('faq.service_code', '=', f.service!)))
    // Words are only letters and digits, so they are safe inside the word-boundary pattern.
    .$if(words.length > 0, (qb) => qb.where((eb) => eb.and(words.map((w) => sql<boolean>`faq.search_text ~ ${`\\m${w}\\M`}`))))
    .$if(words.length > 1, (qb) => qb.orderBy(sql`faq.search_text LIKE ${`%${words.join(' ')}%`}`, 'desc'))
    .orderBy('faq.views', 'desc')
    .orderBy('faq.id')
    .limit(f.limit ?? 50)
    .execute();
}

/** The query's words as the database folds text (vn_fold): no marks, đ as d, lower case; at most 12. */
export function faqWords(q: string): string[] {
  return q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
}

export async function getFaq(db: DB, id: number): Promise<FaqEntry | undefined> {
  return faqQuery(db).where('faq.id', '=', id).executeTakeFirst();
}

export async function countView(db: DB, id: number): Promise<void> {
  await db.updateTable('faq').set({ views: sql`views + 1` }).where('id', '=', id).where('published', '=', true).execute();
}

export async function askQuestion(db: DB, q: { serviceCode: string | null; question: string; askerId: string }): Promise<number> {
  return (await db.insertInto('faq').values({ service_code: q.serviceCode, question: q.question, asker_id: q.askerId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function questionsOf(db: DB, askerId: string): Promise<FaqEntry[]> {
  return faqQuery(db).where('faq.asker_id', '=', askerId).orderBy('faq.asked_at', 'desc').limit(100).execute();
}

/**
 * The questions staff may answer: those about services their agencies receive and, for
 * administrators, those about the portal. Unanswered first.
 */
export async function questionsFor(db: DB, agencies: string[], portalToo: boolean): Promise<FaqEntry[]> {
  return faqQuery(db)
    .where((eb) => {
      const parts = [];
      if (agencies.length) parts.push(eb('service.agency_code', 'in', agencies));
      if (portalToo) parts.push(eb('faq.service_code', 'is', null));
      return parts.length ? eb.or(parts) : eb.val(false);
    })
    .orderBy(sql`faq.answer IS NULL`, 'desc')
    .orderBy('faq.asked_at', 'desc')
    .limit(200)
    .execute();
}

export async function answerQuestion(db: DB, id: number, a: { answer: string; published: boolean; by: { id: string; name: string } }): Promise<void> {
  await db
    .updateTable('faq')
    .set({ answer: a.answer, published: a.published, answerer_id: a.by.id, answerer_name: a.by.name, answered_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The application a rating page is about, with its service's name. */
export async function ratedApplication(db: DB, code: string) {
  return db
    .selectFrom('application')
    .innerJoin('service', 'service.code', 'application.service_code')
    .select(['application.id', 'application.code', 'application.status', 'application.applicant_id', 'service.name as serviceName'])
    .where('application.code', '=', code)
    .executeTakeFirst();
}

/** The guidance page that uses `slug`, if any. */
export async function guidanceWithSlug(db: DB, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('guidance').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

// Per-source allowances of the account requests a robot would repeat to find out who has an
// account or to flood people's mailboxes (S1, ASVS 2.5): registration and password-reset requests.
// Counted in PostgreSQL (src/db/rate-limit.ts), so every instance shares them.
import type { FastifyReply } from 'fastify';
import type { DB } from '../db/index.ts';
import { allowHit, windowOf, type Limit } from '../db/rate-limit.ts';
import { signInSource } from './model.ts';

/**
 * Generous enough for a household or an office behind one IPv4 address, far too few to test a
 * list of email addresses or phone numbers.
 */
export const REGISTER_LIMIT: Limit = { bucket: 'register', max: 20, windowSeconds: 3600 };
export const RESET_REQUEST_LIMIT: Limit = { bucket: 'password-reset', max: 10, windowSeconds: 15 * 60 };
/** Profile changes refused because another account holds the value, per account (not per source) a day. */
export const PROFILE_HELD_LIMIT: Limit = { bucket: 'profile-held', max: 5, windowSeconds: 86_400 };

/**
 * Counts one request from the source of `ip` (an IPv4 address or an IPv6 /64). Within the
 * allowance: 0; beyond it: the seconds until the window ends, also set as Retry-After.
 */
export async function overLimit(db: DB, reply: FastifyReply, limit: Limit, ip: string, now = new Date()): Promise<number> {
  return overAllowance(db, reply, limit, signInSource(ip), now);
}

/** The same for any key (e.g. an account's id). */
export async function overAllowance(db: DB, reply: FastifyReply, limit: Limit, key: string, now = new Date()): Promise<number> {
  if (await allowHit(db, limit, key, now)) return 0;
  const seconds = Math.max(1, Math.ceil((windowOf(limit, now).getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000));
  reply.header('retry-after', String(seconds));
  return seconds;
}

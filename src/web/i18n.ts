// The two locales of the interface. Vietnamese is the default and the reference: every key the
// English table has, Vietnamese has, and the type makes them match.
export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

// One table per part of the portal (src/web/messages/), each with both locales.
import * as portal from './messages/portal.ts';
import * as catalog from './messages/catalog.ts';
import * as lookup from './messages/lookup.ts';
import * as accounts from './messages/accounts.ts';
import * as guidance from './messages/guidance.ts';
import * as feedback from './messages/feedback.ts';
import * as formsDesigner from './messages/forms-designer.ts';
import * as catalogAdmin from './messages/catalog-admin.ts';
import * as where from './messages/where.ts';

const vi = { ...portal.vi, ...catalog.vi, ...lookup.vi, ...accounts.vi, ...guidance.vi, ...feedback.vi, ...formsDesigner.vi, ...catalogAdmin.vi, ...where.vi };

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

const en: Messages = { ...portal.en, ...catalog.en, ...lookup.en, ...accounts.en, ...guidance.en, ...feedback.en, ...formsDesigner.en, ...catalogAdmin.en, ...where.en };

const tables: Record<Locale, Messages> = { vi, en };

/** Values for the {name} places of a message; the caller formats numbers and dates. */
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  const table = tables[locale];
  // One pass, so a value that itself contains "{…}" (a search query) is never filled again.
  return (key, params) => (params ? table[key].replace(/\{(\w+)\}/g, (place, name: string) => (name in params ? String(params[name]) : place)) : table[key]);
}

/** A count as people read it in each language: 1.234 in Vietnamese, 1,234 in English. */
export function formatNumber(n: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', options);
}

export function parseLocale(value: unknown): Locale | undefined {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
}

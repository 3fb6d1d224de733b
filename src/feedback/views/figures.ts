// How the statistics pages write their figures and colour their charts.
import { formatNumber, type Locale, type MessageKey } from '../../web/i18n.ts';
import { CRITERIA, LEVELS } from '../model.ts';

export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
export const num = (x: number) => x.toLocaleString('vi-VN');
/** The same figures written for the page's language (1.234 and 12,5% in Vietnamese; 1,234 and 12.5% in English). */
export const numIn = (x: number, locale: Locale) => formatNumber(x, locale);
export const pctIn = (x: number | null, locale: Locale) => (x === null ? '—' : `${formatNumber(x * 100, locale, { maximumFractionDigits: 1 })}%`);
export const days = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ngày`);

export const LEVEL_KEYS: Record<(typeof LEVELS)[number], MessageKey> = { 'rat-hai-long': 'satisfactionVerySatisfied', 'hai-long': 'satisfactionSatisfied', 'chua-hai-long': 'satisfactionNotSatisfied' };
export const CRITERION_KEYS: Record<(typeof CRITERIA)[number], MessageKey> = { overall: 'criterionOverall', convenience: 'criterionConvenience', timeliness: 'criterionTimeliness', attitude: 'criterionAttitude' };

export const COLORS = { received: '#0b5cad', resolved: '#0a6b35', offline: '#8a4b00', onTime: '#0a6b35' };
export const LEVEL_COLORS = { 'rat-hai-long': '#0a6b35', 'hai-long': '#0b5cad', 'chua-hai-long': '#a3262a' } as const;

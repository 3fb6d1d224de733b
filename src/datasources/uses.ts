// What the portal takes from the national databases (Art. 15.3, V2): a dossier component they
// stand in for at submission, and the applicant's fields they fill in the e-form. Each use is
// logged in the person's usage log; a source that fails leaves everything as without it.
import type { ReusableLookup, SourcedComponent } from '../applications/index.ts';
import type { DB } from '../db/index.ts';
import { formatDate, getProfile } from '../identity/index.ts';
import type { NationalPrefill } from '../forms/index.ts';
import { NO_SOURCE, type DataSource, type SourceLog } from './client.ts';
import { PERSON_ID, SOURCES, type Citizen, type SourceCode } from './protocol.ts';
import { sameName, sourceFor, validOn } from './rules.ts';
import { logSourceUse } from './store.ts';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The record is the account's person: the number asked, and the name and date of birth the account
 * gives agree with it — so a number typed into someone else's profile reveals nothing.
 */
const isPerson = (account: { fullName: string; dateOfBirth: string | null }, c: Citizen) => sameName(c.fullName, account.fullName) && account.dateOfBirth === c.dateOfBirth;

/**
 * The submission's lookup: the vault's stored documents first (V2), then the national database the
 * component's rule names (rules.ts), asked with the applicant's personal identification number.
 */
export function withNationalSources(db: DB, source: DataSource, log: SourceLog, vault?: ReusableLookup): ReusableLookup {
  // No database configured: the vault alone, and the papers as the forms ask for them.
  if (source === NO_SOURCE) return vault ?? (async () => null);
  return async (ctx) => {
    const stored = vault ? await vault(ctx) : null;
    if (stored) return stored;
    const which = sourceFor(ctx.component);
    if (!which) return null;
    // A paper required unless the population database provides it, which it did not: asked for.
    const notProvided: SourcedComponent | null = which === 'dan-cu' ? { sourceName: SOURCES[which], found: null, record: async () => undefined } : null;
    const person = await getProfile(db, ctx.applicantId);
    if (!person?.idNumber || !PERSON_ID.test(person.idNumber)) return notProvided;
    const id = person.idNumber;
    const sourced = (found: string, reference: string): SourcedComponent => ({
      sourceName: SOURCES[which],
      found,
      record: (trx, a) =>
        logSourceUse(trx, { ownerId: ctx.applicantId, source: which, purpose: 'component', subject: `${ctx.component.name.slice(0, 300)} — ${found}`, reference, serviceCode: ctx.serviceCode, componentId: a.componentId, applicationId: a.id, applicationCode: a.code, agencyCode: a.agencyCode }),
    });
    if (which === 'dan-cu') {
      const r = await source.citizen(id);
      if (r.status !== 'found') return notProvided;
      if (!isPerson(person, r.value)) {
        log.warn({ source: which, reason: 'name or date of birth differs from the account' }, 'national data source record not used');
        return notProvided;
      }
      return sourced(`thông tin công dân ${r.value.fullName}, số định danh cá nhân ${id}, sinh ngày ${dmy(r.value.dateOfBirth)}`, id);
    }
    if (which === 'ho-tich') {
      const r = await source.birth(id, person.fullName);
      if (r.status !== 'found') return null;
      const b = r.value;
      return sourced(`Giấy khai sinh số ${b.registrationNumber} của ${b.fullName}, đăng ký tại ${b.registeredBy} ngày ${dmy(b.registeredOn)}`, b.registrationNumber);
    }
    const r = await source.results(id, ctx.component.kind);
    const best = r.status === 'found' ? r.value.filter((x) => validOn(x, ctx.day)).sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0] : undefined;
    return best ? sourced(`${best.title}, do ${best.issuedBy} cấp ngày ${dmy(best.issuedOn)}${best.validUntil ? `, có giá trị đến hết ngày ${dmy(best.validUntil)}` : ''}`, best.id) : null;
  };
}

const POPULATION: SourceCode = 'dan-cu';

/** The e-form's applicant fields (name, date of birth, permanent address) from the population database (F3). */
export function populationPrefill(db: DB, source: DataSource): NationalPrefill {
  return {
    label: `lấy từ ${SOURCES[POPULATION]}`,
    async values(accountId) {
      const person = await getProfile(db, accountId);
      if (!person?.idNumber || !PERSON_ID.test(person.idNumber)) return undefined;
      const r = await source.citizen(person.idNumber);
      if (r.status !== 'found' || !isPerson(person, r.value)) return undefined;
      return { fullName: r.value.fullName, dateOfBirth: formatDate(r.value.dateOfBirth), permanentAddress: r.value.permanentAddress };
    },
    async used(accountId, serviceCode, labels) {
      const person = await getProfile(db, accountId);
      await logSourceUse(db, { ownerId: accountId, source: POPULATION, purpose: 'prefill', subject: `Điền tờ khai: ${labels.join(', ')}`, reference: person?.idNumber ?? null, serviceCode });
    },
  };
}

// A password for accounts made in tests where any valid one will do: long enough, with letters and
// digits, and no test's username inside it. Tests about the password rules keep their own.
import type { DB } from '../../src/db/index.ts';
import { createAccount, passwordProblem } from '../../src/identity/index.ts';

export const TEST_PASSWORD = 'Mat-khau-2026';

// Fails at once, naming the rule, if the rules change under it.
const problem = passwordProblem(TEST_PASSWORD);
if (problem) throw new Error(`TEST_PASSWORD is no longer a valid password: ${problem}`);

type NewAccount = Parameters<typeof createAccount>[1];

/** The people tests sign in as, on the demo catalogue's agencies (seedCatalogDemo): their names, and for staff their role and agency. */
const PEOPLE = {
  'an.dan': { fullName: 'Nguyễn Văn An' },
  'binh.dan': { fullName: 'Trần Thị Bình' },
  'cb.yte': { fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: '000.00.12.H34' },
  'cb.yte2': { fullName: 'Cán bộ Y tế Hai', role: 'officer', agencyCode: '000.00.12.H34' },
  'cb.phuong': { fullName: 'Cán bộ Phường', role: 'officer', agencyCode: '000.33.01.H34' },
} satisfies Record<string, Omit<NewAccount, 'username'>>;

export type Person = keyof typeof PEOPLE;

/**
 * Makes these people with TEST_PASSWORD, in the order given, each with what the test adds (a phone
 * for text messages, an email …); their account ids by username.
 */
export async function createPeople(db: DB, people: Partial<Record<Person, Partial<NewAccount>>>): Promise<Partial<Record<Person, string>>> {
  const ids: Partial<Record<Person, string>> = {};
  for (const [username, more] of Object.entries(people) as [Person, Partial<NewAccount>][]) {
    ids[username] = await createAccount(db, { username, password: TEST_PASSWORD, ...PEOPLE[username], ...more });
  }
  return ids;
}

// A password for accounts made in tests where any valid one will do: long enough, with letters and
// digits, and no test's username inside it. Tests about the password rules keep their own.
import { passwordProblem } from '../../src/identity/index.ts';

export const TEST_PASSWORD = 'Mat-khau-2026';

// Fails at once, naming the rule, if the rules change under it.
const problem = passwordProblem(TEST_PASSWORD);
if (problem) throw new Error(`TEST_PASSWORD is no longer a valid password: ${problem}`);

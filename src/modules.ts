// What one domain does when another's records change, composed once for every process that changes
// them — the web app (app.ts), the `dvctt` command and its jobs (cli.ts) — so no path misses it.
import { afterStatusChange } from './applications/index.ts';
import { bundleAfterMove } from './bundles/index.ts';

export function composeModules(): void {
  // A3: a bundle's one done notice, in the transaction of its last part's move.
  afterStatusChange(bundleAfterMove);
}

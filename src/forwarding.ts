// What the national exchange and the bundles share (A3, P3): a part of a bundle forwarded to another
// system comes back as a status that system reports. The exchange receives it, the bundles keep it;
// neither imports the other for it — the app hands the exchange the bundles' function.
import type { Status } from './applications/index.ts';
import type { DB } from './db/index.ts';

/** Keeps the status reported for the forwarded dossier `ref`; the bundle's code, or undefined when no forwarded part has that reference. */
export type ForwardedStatusKeeper = (db: DB, ref: string, status: Status) => Promise<string | undefined>;

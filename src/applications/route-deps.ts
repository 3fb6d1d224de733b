// What the applications module's routes are given by app.ts.
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import type { FormLibrary } from '../forms/index.ts';
import type { FileStore } from '../storage/index.ts';
import type { ReusableLookup } from './model.ts';

export interface ApplicationRouteDeps {
  db: DB;
  portal: PortalIdentity;
  publicUrl: string;
  files: FileStore;
  forms: FormLibrary;
  reusable?: ReusableLookup;
}

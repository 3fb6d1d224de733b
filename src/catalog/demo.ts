// The demo catalog (P7): real procedures of the national catalog for a demo province after the
// 2025 reform (province → communes). Sources and codes to verify: docs/catalog-sources.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DB } from '../db/index.ts';
import { importCatalog, parseCatalogFile } from './import.ts';

export const DEMO_CATALOG_FILE = path.join(import.meta.dirname, 'demo', 'catalog.json');

export async function seedCatalogDemo(db: DB): Promise<void> {
  const report = await importCatalog(db, parseCatalogFile(await readFile(DEMO_CATALOG_FILE, 'utf8')));
  if (report.problems.length) {
    throw new Error(`Demo catalog has invalid records: ${JSON.stringify(report.problems.slice(0, 3))}`);
  }
}

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

test('no message key is defined in two tables (a later table would silently replace the earlier one)', async () => {
  const seen = new Map<string, string>();
  for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const table = (await import(path.join(import.meta.dirname, file))) as { vi: Record<string, string>; en: Record<string, string> };
    assert.deepEqual(Object.keys(table.en).sort(), Object.keys(table.vi).sort(), `${file}: the same keys in both locales`);
    for (const key of Object.keys(table.vi)) {
      assert.ok(!seen.has(key), `${key} is in ${seen.get(key)} and ${file}`);
      seen.set(key, file);
    }
  }
});

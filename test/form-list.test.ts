// F1: the designer's list of forms names each form's services (the published version's).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listForms } from '../src/forms/definitions-store.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { DEMO_DEFINITIONS } from './helpers/demo-forms.ts';

describeEachDatabase('the list of forms', (get) => {
  test('each demo form is listed with the services of its published version', async () => {
    const forms = await listForms(get().db, { origin: 'own' });
    for (const d of DEMO_DEFINITIONS) {
      const listed = forms.find((f) => f.formId === d.id);
      assert.ok(listed, `${d.id} is listed`);
      assert.deepEqual(listed.services, d.services, `${d.id}'s services`);
      assert.equal(listed.publishedVersion, d.version);
    }
  });
});

// F1: every field type lives in one module of the registry, and the registry is what a definition may use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definitionSchema, FormDefinitionError, loadDefinition } from '../definition-schema.ts';
import { FIELD_TYPES, type FieldType } from '../model.ts';
import { demoDefinitions } from '../registry.ts';

import { validateAnswers } from '../validate.ts';
import { CONTROLS } from './controls.ts';
import { FIELD_KINDS } from './index.ts';

const DEFINITIONS = demoDefinitions();

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

/** A real definition's head with one section holding `field` (and a text field before it). */
function withField(field: Record<string, unknown>) {
  return { ...DEFINITIONS[0]!, steps: undefined, example: undefined, sections: [{ id: 'a', title: 'Phần A', fields: [{ id: 'ten', type: 'text', label: 'Tên' }, field] }] };
}

/** The smallest field of a type: its required parameters filled in. */
function minimal(type: FieldType): Record<string, unknown> {
  const f: Record<string, unknown> = { id: 'x', type, label: 'Mục thử' };
  const own = FIELD_KINDS[type].parameters?.required ?? [];
  if (own.includes('options')) f.options = [{ value: 'a', label: 'A' }];
  if (own.includes('fields')) f.fields = [{ id: 'y', type: 'text', label: 'Cột' }];
  if (own.includes('component')) f.component = 'don';
  return f;
}

test('every field type has a module with a Vietnamese label and one-line help, and an e-form control', () => {
  assert.deepEqual(Object.keys(FIELD_KINDS).sort(), [...FIELD_TYPES].sort());
  assert.deepEqual(Object.keys(CONTROLS).sort(), [...FIELD_TYPES].sort());
  const labels = new Set<string>();
  for (const type of FIELD_TYPES) {
    const kind = FIELD_KINDS[type];
    assert.ok(kind.label.trim() && VIETNAMESE.test(kind.label + kind.help), `${type}: a Vietnamese label`);
    assert.ok(!labels.has(kind.label), `${type}: its label "${kind.label}" is its own`);
    labels.add(kind.label);
    assert.ok(kind.help.length > 20 && !kind.help.includes('\n'), `${type}: one line of help`);
    assert.equal(typeof CONTROLS[type].render, 'function', `${type}: an e-form control`);
  }
});

test('the definition schema accepts exactly the registry’s types, and a field of each type loads', () => {
  assert.deepEqual([...definitionSchema.$defs.field.properties.type.enum].sort(), [...FIELD_TYPES].sort());
  for (const type of FIELD_TYPES) assert.equal(loadDefinition(withField(minimal(type))).sections[0]!.fields[1]!.type, type);
  assert.throws(() => loadDefinition(withField({ ...minimal('text'), type: 'slider' })), (e: unknown) => e instanceof FormDefinitionError && /không được hỗ trợ/.test(e.reason));
});

test('a type’s own parameters come from its module: required on it, refused on every other type', () => {
  const properties = definitionSchema.$defs.field.properties as Record<string, unknown>;
  for (const [type, kind] of Object.entries(FIELD_KINDS)) {
    for (const [name, schema] of Object.entries(kind.parameters?.properties ?? {})) assert.deepEqual(properties[name], schema, `${type}: ${name}`);
    for (const name of kind.parameters?.required ?? []) {
      const f = minimal(type as FieldType);
      delete f[name];
      assert.throws(() => loadDefinition(withField(f)), (e: unknown) => e instanceof FormDefinitionError && e.reason === `thiếu thuộc tính "${name}".`, `${type} without ${name}`);
      for (const other of FIELD_TYPES.filter((t) => !FIELD_KINDS[t].parameters?.required?.includes(name))) {
        const g = { ...minimal(other), [name]: minimal(type as FieldType)[name] };
        assert.throws(() => loadDefinition(withField(g)), (e: unknown) => e instanceof FormDefinitionError && e.path === '/sections/0/fields/1' && /không dùng được với loại trường này/.test(e.reason), `${other} with ${name}`);
      }
    }
  }
});

test('each typed field refuses a blank required answer in Vietnamese and keeps a good one', () => {
  const good: Partial<Record<FieldType, unknown>> = { text: 'Lan', textarea: 'Lý do', integer: '12', decimal: '12,5', date: '20/05/1990', choice: 'a', multichoice: ['a'], checkbox: 'true', idNumber: '001090012345', phone: '0912345678', email: 'lan@example.vn', taxCode: '0100109106', consent: 'true' };
  for (const [type, answer] of Object.entries(good) as [FieldType, unknown][]) {
    const def = loadDefinition(withField({ ...minimal(type), required: true }));
    const blank = validateAnswers(def, { x: type === 'multichoice' ? [] : '' }, { today: '2026-03-01' });
    assert.match(blank.errors.x ?? '', /^Hãy (nhập|chọn|đánh dấu)/, `${type}: a blank answer is refused`);
    assert.equal(blank.values.x === undefined || blank.values.x === false, true, `${type}: nothing kept`);
    const ok = validateAnswers(def, { x: answer }, { today: '2026-03-01' });
    assert.deepEqual(ok.errors, {}, `${type}: ${String(answer)} is accepted`);
    assert.notEqual(ok.values.x, undefined, `${type}: the answer is kept`);
  }
});

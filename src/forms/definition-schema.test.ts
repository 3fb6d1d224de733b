// F1: a definition is checked when it loads; a broken one is refused with the path of the problem.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FormDefinitionError, loadDefinition } from './definition-schema.ts';
import { demoDefinitions } from './registry.ts';
import { trialForm } from './trial-form.ts';

import { validateAnswers } from './validate.ts';

const DEFINITIONS = demoDefinitions();

const base = () =>
  trialForm([
    {
      id: 'a',
      title: 'Phần A',
      fields: [
        { id: 'kind', type: 'choice', label: 'Loại', options: [{ value: 'x', label: 'X' }] },
        { id: 'name', type: 'text', label: 'Tên', showIf: { field: 'kind', in: ['x'] } },
      ],
    },
  ]);

function refused(mutate: (d: ReturnType<typeof base>) => void, path: string, reason: RegExp) {
  const d = base();
  mutate(d);
  assert.throws(
    () => loadDefinition(d),
    (e: unknown) => e instanceof FormDefinitionError && e.path === path && reason.test(e.reason),
  );
}

test('a well-formed definition loads', () => {
  assert.equal(loadDefinition(base()).id, 'thu');
});

test('an unknown field type is refused with its path', () => {
  refused((d) => ((d.sections[0]!.fields[1] as { type: string }).type = 'slider'), '/sections/0/fields/1/type', /không được hỗ trợ/);
});

test('a condition on a missing field, or on an option that does not exist, is refused', () => {
  refused((d) => (d.sections[0]!.fields[1]!.showIf = { field: 'ghost', in: ['x'] }), '/sections/0/fields/1/showIf/field', /"ghost" không có/);
  refused((d) => (d.sections[0]!.fields[1]!.showIf = { field: 'kind', in: ['y'] }), '/sections/0/fields/1/showIf/in', /"y" không phải một lựa chọn/);
});

test('duplicate field ids and condition cycles are refused', () => {
  refused((d) => (d.sections[0]!.fields[1]!.id = 'kind'), '/sections/0/fields/1/id', /bị trùng/);
  refused((d) => ((d.sections[0]!.fields[0] as Record<string, unknown>).showIf = { field: 'name' }), '/sections/0/fields/1/showIf/field', /vòng lặp/);
});

test('a choice without options, and an unknown property, are refused', () => {
  refused((d) => delete (d.sections[0]!.fields[0] as Record<string, unknown>).options, '/sections/0/fields/0', /thiếu thuộc tính "options"/);
  refused((d) => ((d.sections[0]!.fields[0] as Record<string, unknown>).colour = 'red'), '/sections/0/fields/0/colour', /không có trong định dạng/);
});

test('every demo definition loads, its attachments name components of its service, and its example is valid', () => {
  const catalog = JSON.parse(readFileSync(new URL('../catalog/demo/catalog.json', import.meta.url), 'utf8')) as { services: { code: string; components: { id: string }[] }[] };
  for (const def of DEFINITIONS) {
    for (const code of def.services) {
      const service = catalog.services.find((s) => s.code === code);
      assert.ok(service, `${def.id}: service ${code} is in the demo catalog`);
      const ids = new Set(service.components.map((c) => c.id));
      for (const f of def.sections.flatMap((s) => s.fields)) if (f.type === 'attachment') assert.ok(ids.has(f.component), `${def.id}: ${f.component}`);
    }
    assert.deepEqual(validateAnswers(def, def.example ?? {}, { today: '2026-01-15' }).errors, {}, `${def.id}: example`);
  }
});

test('a rule between fields must name an existing field of a comparable type', () => {
  const withDates = (d: ReturnType<typeof base>) => {
    d.sections[0]!.fields.push({ id: 'from', type: 'date', label: 'Từ ngày' } as never, { id: 'to', type: 'date', label: 'Đến ngày', rules: { compare: [{ op: 'gte', field: 'from' }] } } as never);
  };
  const ok = base();
  withDates(ok);
  assert.equal(loadDefinition(ok).sections[0]!.fields.length, 4);
  refused((d) => (withDates(d), ((d.sections[0]!.fields[3] as unknown as { rules: { compare: { field: string }[] } }).rules.compare[0]!.field = 'ghost')), '/sections/0/fields/3/rules/compare/0/field', /"ghost" không có/);
  refused((d) => (withDates(d), ((d.sections[0]!.fields[3] as unknown as { rules: { compare: { field: string }[] } }).rules.compare[0]!.field = 'name')), '/sections/0/fields/3/rules/compare/0/field', /không so sánh được trường loại "date" với trường loại "text"/);
  refused((d) => (withDates(d), ((d.sections[0]!.fields[3] as unknown as { rules: { compare: { op: string }[] } }).rules.compare[0]!.op = 'before')), '/sections/0/fields/3/rules/compare/0/op', /không được hỗ trợ/);
});

test('steps must hold every section once, in the order of the form', () => {
  const two = () => {
    const d = base() as ReturnType<typeof base> & { steps?: unknown };
    d.sections.push({ id: 'b', title: 'Phần B', fields: [{ id: 'note', type: 'textarea', label: 'Ghi chú' } as never] });
    return d;
  };
  const ok = two();
  ok.steps = [{ id: 'mot', title: 'Một', sections: ['a'] }, { id: 'hai', title: 'Hai', sections: ['b'] }];
  assert.equal(loadDefinition(ok).steps!.length, 2);
  const cases: [unknown, string, RegExp][] = [
    [[{ id: 'mot', title: 'Một', sections: ['a'] }], '/sections/1/id', /không thuộc bước nào/],
    [[{ id: 'mot', title: 'Một', sections: ['a', 'x'] }], '/steps/0/sections/1', /"x" không có/],
    [[{ id: 'mot', title: 'Một', sections: ['b'] }, { id: 'hai', title: 'Hai', sections: ['a'] }], '/steps/1/sections/0', /thứ tự/],
    [[{ id: 'mot', title: 'Một', sections: ['a', 'b'] }, { id: 'mot', title: 'Hai', sections: ['b'] }], '/steps/1/id', /bị trùng/],
  ];
  for (const [steps, path, reason] of cases) {
    const d = two();
    d.steps = steps;
    assert.throws(() => loadDefinition(d), (e: unknown) => e instanceof FormDefinitionError && e.path === path && reason.test(e.reason), path);
  }
});

test('a group inside a group and a duplicate field inside a group are refused', () => {
  const group = (fields: unknown[]) => ({ id: 'rows', type: 'group', label: 'Dòng', fields });
  refused((d) => d.sections[0]!.fields.push(group([group([{ id: 'x', type: 'text', label: 'X' }])]) as never), '/sections/0/fields/2/fields/0/type', /lồng/);
  refused((d) => d.sections[0]!.fields.push(group([{ id: 'x', type: 'text', label: 'X' }, { id: 'x', type: 'text', label: 'X' }]) as never), '/sections/0/fields/2/fields/1/id', /bị trùng trong nhóm/);
});

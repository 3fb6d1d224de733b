// The JSON Schema of a form definition, and the loader that also checks what a schema cannot:
// unique ids, conditions that name an existing earlier-known field and one of its options, no
// condition cycles. A bad definition is refused at load with the JSON path of the problem.
import { Ajv } from 'ajv';
import { FIELD_KINDS, kindOf, type FieldKind } from './fields/index.ts';
import { explainSchemaError, type SchemaWording } from '../web/schema-errors.ts';
import { COMPARISON_OPS, PREFILL_KEYS, type Condition, type Field, type FieldType, type FormDefinition } from './model.ts';

const condition = {
  type: 'object',
  additionalProperties: false,
  required: ['field'],
  properties: {
    field: { type: 'string', minLength: 1 },
    in: { type: 'array', minItems: 1, items: { type: 'string' } },
  },
} as const;

const ID = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$' } as const;

const kinds = Object.entries(FIELD_KINDS) as [FieldType, FieldKind][];
/** Every type's own parameters, from the field types' modules. */
const PARAMETERS: Record<string, object> = Object.assign({}, ...kinds.map(([, k]) => k.parameters?.properties ?? {}));
const OWN_PARAMETERS = [...new Set(kinds.flatMap(([, k]) => k.parameters?.required ?? []))].map((name) => {
  const types = kinds.filter(([, k]) => k.parameters?.required?.includes(name)).map(([t]) => t);
  return { if: { properties: { type: types.length === 1 ? { const: types[0] } : { enum: types } } }, then: { required: [name] }, else: { not: { required: [name] } } };
});

export const definitionSchema = {
  $id: 'https://dvctt.example/schemas/form-definition-1.json',
  title: 'Định nghĩa biểu mẫu điện tử (dvctt-form/1)',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'id', 'version', 'code', 'slug', 'title', 'services', 'sections'],
  properties: {
    $schema: { type: 'string' },
    format: { const: 'dvctt-form/1' },
    id: ID,
    version: { type: 'integer', minimum: 1 },
    code: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
    slug: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' },
    number: { type: 'string', maxLength: 100 },
    title: { type: 'string', minLength: 1, maxLength: 300 },
    addressee: { type: 'string', maxLength: 300 },
    legalBasis: { type: 'string', maxLength: 500 },
    services: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[0-9]+\\.[0-9]{6}$' } },
    sections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'fields'],
        properties: { id: ID, title: { type: 'string', minLength: 1 }, help: { type: 'string' }, fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } } },
      },
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'sections'],
        properties: { id: ID, title: { type: 'string', minLength: 1, maxLength: 200 }, sections: { type: 'array', minItems: 1, items: { type: 'string' } } },
      },
    },
    print: {
      type: 'object',
      additionalProperties: false,
      properties: {
        numbering: { enum: ['fields', 'sections', 'none'] },
        subtitle: { type: 'string', maxLength: 300 },
        signer: { type: 'string', minLength: 1, maxLength: 100 },
        signHint: { type: 'string', minLength: 1, maxLength: 200 },
        attachmentsLabel: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    example: { type: 'object' },
  },
  $defs: {
    field: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'type', 'label'],
      properties: {
        id: ID,
        type: { enum: Object.keys(FIELD_KINDS) as FieldType[] },
        label: { type: 'string', minLength: 1, maxLength: 500 },
        help: { type: 'string', maxLength: 1000 },
        required: { type: 'boolean' },
        showIf: condition,
        requireIf: condition,
        prefill: { enum: PREFILL_KEYS },
        rules: {
          type: 'object',
          additionalProperties: false,
          properties: {
            minLength: { type: 'integer', minimum: 0 },
            maxLength: { type: 'integer', minimum: 1, maximum: 10000 },
            pattern: { type: 'string', format: 'regex' },
            patternMessage: { type: 'string' },
            min: { type: 'number' },
            max: { type: 'number' },
            minDate: { type: 'string', pattern: '^(today|\\d{4}-\\d{2}-\\d{2})$' },
            maxDate: { type: 'string', pattern: '^(today|\\d{4}-\\d{2}-\\d{2})$' },
            compare: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['op', 'field'],
                properties: { op: { enum: COMPARISON_OPS }, field: { type: 'string', minLength: 1 }, message: { type: 'string', minLength: 1, maxLength: 300 } },
              },
            },
          },
        },
        ...PARAMETERS,
      },
      // A type's own parameters ("options", "fields", "component") are required on it and refused elsewhere.
      allOf: OWN_PARAMETERS,
    },
  },
} as const;

export class FormDefinitionError extends Error {
  constructor(
    /** JSON Pointer-like path of the problem, e.g. "/sections/1/fields/3/showIf/field". */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Định nghĩa biểu mẫu không hợp lệ tại ${path || '/'}: ${reason}`);
    this.name = 'FormDefinitionError';
  }
}

const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false, strictRequired: false, validateFormats: false });
ajv.addFormat('regex', true);
const validateSchema = ajv.compile(definitionSchema);

/** A definition's schema errors speak of its properties ("trường" are the form's fields), with the path beside. */
const DEFINITION_WORDING: SchemaWording = {
  key: 'thuộc tính',
  own: {
    required: (p) => `thiếu thuộc tính "${String(p.missingProperty)}"`,
    not: () => 'thuộc tính không dùng được với loại trường này (options chỉ cho choice/multichoice, fields chỉ cho group, component chỉ cho attachment)',
  },
};

interface Located {
  field: Field;
  path: string;
  /** The group this field is in, if any. */
  group?: Field & { type: 'group' };
}

/** Validates a definition (parsed JSON) and returns it typed, or throws FormDefinitionError. */
export function loadDefinition(json: unknown): FormDefinition {
  if (!validateSchema(json)) {
    // The most specific error: a wrong "type" makes every if/then fail too, so report it first.
    const errors = validateSchema.errors ?? [];
    const first = errors.find((e) => e.keyword === 'enum' && e.instancePath.endsWith('/type')) ?? errors.find((e) => e.keyword !== 'if') ?? errors[0]!;
    const { path, message } = explainSchemaError(first, DEFINITION_WORDING);
    throw new FormDefinitionError(path, `${message}.`);
  }
  const def = json as unknown as FormDefinition;

  const top = new Map<string, Located>();
  const all: Located[] = [];
  const sectionIds = new Set<string>();
  def.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) throw new FormDefinitionError(`/sections/${s}/id`, `mã phần "${section.id}" bị trùng.`);
    sectionIds.add(section.id);
    section.fields.forEach((field, i) => {
      const path = `/sections/${s}/fields/${i}`;
      if (top.has(field.id)) throw new FormDefinitionError(`${path}/id`, `mã trường "${field.id}" bị trùng (đã có tại ${top.get(field.id)!.path}).`);
      top.set(field.id, { field, path });
      all.push({ field, path });
      if (field.type === 'group') {
        const inner = new Set<string>();
        field.fields.forEach((sub, j) => {
          const subPath = `${path}/fields/${j}`;
          if (sub.type === 'group') throw new FormDefinitionError(`${subPath}/type`, 'nhóm lặp lại không được lồng trong một nhóm khác.');
          if (!kindOf(sub).inGroup) throw new FormDefinitionError(`${subPath}/type`, `loại "${sub.type}" không dùng trong nhóm lặp lại.`);
          if (inner.has(sub.id)) throw new FormDefinitionError(`${subPath}/id`, `mã trường "${sub.id}" bị trùng trong nhóm "${field.id}".`);
          inner.add(sub.id);
          all.push({ field: sub, path: subPath, group: field });
        });
        if (field.minRows !== undefined && field.maxRows !== undefined && field.minRows > field.maxRows) {
          throw new FormDefinitionError(`${path}/minRows`, 'minRows lớn hơn maxRows.');
        }
      }
    });
  });

  const resolve = (loc: Located, c: Condition): Located | undefined => {
    const sibling = loc.group?.type === 'group' ? loc.group.fields.find((f) => f.id === c.field) : undefined;
    if (sibling) return all.find((l) => l.field === sibling);
    return top.get(c.field);
  };

  for (const loc of all) {
    const { field, path } = loc;
    for (const key of ['showIf', 'requireIf'] as const) {
      const c = field[key];
      if (!c) continue;
      const target = resolve(loc, c);
      if (!target) throw new FormDefinitionError(`${path}/${key}/field`, `điều kiện dựa vào trường "${c.field}" không có trong biểu mẫu.`);
      if (target.field === field) throw new FormDefinitionError(`${path}/${key}/field`, 'điều kiện không được dựa vào chính trường này.');
      if (!kindOf(target.field).conditionTarget) throw new FormDefinitionError(`${path}/${key}/field`, `không đặt điều kiện theo trường loại "${target.field.type}".`);
      if (c.in && 'options' in target.field) {
        const values = new Set(target.field.options.map((o) => o.value));
        const bad = c.in.find((v) => !values.has(v));
        if (bad !== undefined) throw new FormDefinitionError(`${path}/${key}/in`, `giá trị "${bad}" không phải một lựa chọn của trường "${c.field}".`);
      }
    }
    (field.rules?.compare ?? []).forEach((c, k) => {
      const at = `${path}/rules/compare/${k}/field`;
      const target = resolve(loc, c);
      if (!target) throw new FormDefinitionError(at, `quy tắc so sánh với trường "${c.field}" không có trong biểu mẫu.`);
      if (target.field === field) throw new FormDefinitionError(at, 'quy tắc so sánh không được dựa vào chính trường này.');
      const kind = (f: Field) => kindOf(f).compareAs;
      const a = kind(field);
      const b = kind(target.field);
      if (a === 'none' || b === 'none') throw new FormDefinitionError(at, `không so sánh được trường loại "${a === 'none' ? field.type : target.field.type}".`);
      if (a !== b) throw new FormDefinitionError(at, `không so sánh được trường loại "${field.type}" với trường loại "${target.field.type}".`);
      if (a === 'text' && c.op !== 'eq' && c.op !== 'ne') throw new FormDefinitionError(`${path}/rules/compare/${k}/op`, 'trường chữ chỉ so sánh bằng (eq) hoặc khác (ne).');
    });
    const problem = kindOf(field).definitionProblem?.(field);
    if (problem) throw new FormDefinitionError(`${path}${problem.at}`, problem.reason);
    if (field.rules?.pattern) {
      try {
        new RegExp(field.rules.pattern, 'u');
      } catch {
        throw new FormDefinitionError(`${path}/rules/pattern`, 'biểu thức chính quy không hợp lệ.');
      }
    }
    if (field.prefill && field.type === 'group') throw new FormDefinitionError(`${path}/prefill`, 'nhóm lặp lại không lấy được thông tin từ tài khoản.');
    if (field.prefill && !kindOf(field).prefill) throw new FormDefinitionError(`${path}/prefill`, `trường loại "${field.type}" không lấy được thông tin đã lưu.`);
  }

  if (def.steps) {
    const placed = new Map<string, string>();
    let last = -1;
    def.steps.forEach((step, k) => {
      if (def.steps!.findIndex((x) => x.id === step.id) !== k) throw new FormDefinitionError(`/steps/${k}/id`, `mã bước "${step.id}" bị trùng.`);
      step.sections.forEach((id, j) => {
        const at = `/steps/${k}/sections/${j}`;
        const index = def.sections.findIndex((s) => s.id === id);
        if (index < 0) throw new FormDefinitionError(at, `phần "${id}" không có trong biểu mẫu.`);
        if (placed.has(id)) throw new FormDefinitionError(at, `phần "${id}" đã thuộc bước "${placed.get(id)}".`);
        if (index < last) throw new FormDefinitionError(at, `phần "${id}" phải theo thứ tự của biểu mẫu.`);
        placed.set(id, step.id);
        last = index;
      });
    });
    const missing = def.sections.findIndex((s) => !placed.has(s.id));
    if (missing >= 0) throw new FormDefinitionError(`/sections/${missing}/id`, `phần "${def.sections[missing]!.id}" không thuộc bước nào.`);
  }

  // A chain of visibility conditions must end: A shown if B, B shown if A would never settle.
  const state = new Map<Located, 'visiting' | 'done'>();
  const visit = (loc: Located) => {
    if (state.get(loc) === 'done') return;
    if (state.get(loc) === 'visiting') throw new FormDefinitionError(`${loc.path}/showIf/field`, 'các điều kiện hiển thị tạo thành vòng lặp.');
    state.set(loc, 'visiting');
    const parents = [loc.field.showIf && resolve(loc, loc.field.showIf), loc.group && all.find((l) => l.field === loc.group)];
    for (const p of parents) if (p) visit(p);
    state.set(loc, 'done');
  };
  all.forEach(visit);
  return def;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { explainSchemaError, type SchemaWording } from './schema-errors.ts';

const ajv = new Ajv({ allErrors: false, strict: false });

/** The first error Ajv finds in `data` against `schema`, explained. */
function first(schema: object, data: unknown, wording?: SchemaWording) {
  const validate = ajv.compile(schema);
  assert.equal(validate(data), false, 'the data is refused');
  return explainSchemaError(validate.errors![0]!, wording);
}

const person = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    code: { type: 'string', pattern: '^[0-9]+$' },
    password: { type: 'string', minLength: 12 },
    level: { enum: ['a', 'b'] },
    format: { const: 'v1' },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    tags: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true },
    address: { type: 'object', properties: { ward: { type: 'string', maxLength: 3 } } },
    contact: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    phone: { oneOf: [{ type: 'number' }, { minimum: 0 }] },
  },
};

test('a field at fault is named by its dotted path; the whole document by the caller’s word', () => {
  const api = { whole: 'nội dung' };
  assert.deepEqual(first(person, { name: 'Nguyễn Văn An' }, api), { path: '/name', message: 'trường "name" dài quá 5 ký tự' });
  assert.deepEqual(first(person, { name: 'An', address: { ward: 'Phường 1' } }, api), { path: '/address/ward', message: 'trường "address.ward" dài quá 3 ký tự' });
  assert.deepEqual(first(person, 'An', api), { path: '', message: 'nội dung phải có kiểu object' });
  assert.deepEqual(first(person, 'An', { whole: 'bản ghi' }), { path: '', message: 'bản ghi phải có kiểu object' });
});

test('every check of our schemas is said in Vietnamese, naming what is accepted', () => {
  const w = { whole: 'bản ghi' };
  const cases: [unknown, string][] = [
    [{}, 'thiếu trường bắt buộc "name"'],
    [{ name: 'An', colour: 'đỏ' }, 'trường "colour" không có trong định dạng'],
    [{ name: 3 }, 'trường "name" phải có kiểu string'],
    [{ name: 'An', level: 'c' }, 'trường "level" có giá trị không được hỗ trợ; chỉ nhận: a, b'],
    [{ name: 'An', format: 'v2' }, 'trường "format" phải là "v1"'],
    [{ name: 'An', code: 'AB' }, 'trường "code" sai định dạng (^[0-9]+$)'],
    [{ name: '' }, 'trường "name" không được để trống'],
    [{ name: 'An', password: 'ngắn' }, 'trường "password" cần ít nhất 12 ký tự'],
    [{ name: 'An', age: -1 }, 'trường "age" phải ≥ 0'],
    [{ name: 'An', age: 200 }, 'trường "age" phải ≤ 150'],
    [{ name: 'An', tags: [] }, 'trường "tags" cần ít nhất 1 mục'],
    [{ name: 'An', tags: [1, 2, 3] }, 'trường "tags" chỉ được có tối đa 2 mục'],
    [{ name: 'An', tags: [1, 1] }, 'trường "tags" có mục bị trùng'],
    [{ name: 'An', phone: 5 }, 'trường "phone" phải khớp với đúng một dạng được nhận'],
  ];
  for (const [data, message] of cases) assert.equal(first(person, data, w).message, message, JSON.stringify(data));
});

test('a value of none of the shapes offered is said as such (Ajv lists it after each shape’s own error)', () => {
  const validate = ajv.compile(person);
  assert.equal(validate({ name: 'An', contact: true }), false);
  assert.equal(explainSchemaError(validate.errors!.at(-1)!, { whole: 'nội dung' }).message, 'trường "contact" không khớp với dạng nào được nhận');
});

test('a property the schema does not know is pointed at itself', () => {
  assert.equal(first(person, { name: 'An', address: { ward: 'x' }, colour: 'đỏ' }).path, '/colour');
});

test('without the whole’s word the clause names no subject, for callers that show the path beside it', () => {
  const definition: SchemaWording = { key: 'thuộc tính' };
  assert.deepEqual(first(person, { name: 3 }, definition), { path: '/name', message: 'phải có kiểu string' });
  assert.deepEqual(first(person, { name: 'An', level: 'c' }, definition), { path: '/level', message: 'giá trị không được hỗ trợ; chỉ nhận: a, b' });
  assert.deepEqual(first(person, { name: 'An', colour: 'đỏ' }, definition), { path: '/colour', message: 'thuộc tính "colour" không có trong định dạng' });
  assert.equal(first(person, {}, definition).message, 'thiếu thuộc tính bắt buộc "name"');
});

test('a caller may word a check its own way; the others keep the common wording', () => {
  const own: SchemaWording = { whole: 'nội dung', own: { required: (p) => `hãy điền "${String(p.missingProperty)}"` } };
  assert.equal(first(person, {}, own).message, 'hãy điền "name"');
  assert.equal(first(person, { name: 3 }, own).message, 'trường "name" phải có kiểu string');
});

test('a check without its own sentence still says, in Vietnamese, which check failed', () => {
  assert.equal(first({ type: 'number', multipleOf: 5 }, 7, { whole: 'nội dung' }).message, 'nội dung không đúng quy định (multipleOf)');
});

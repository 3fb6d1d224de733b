// JSON Schema (Ajv) errors in Vietnamese, in one table for every schema we check: the API's
// request bodies, form definitions and catalog imports. Each caller wraps the clause in its own
// sentence ("Dữ liệu gửi lên không hợp lệ: …", "… tại /path: …", a list of refused records).

/** What we read of an Ajv error (Fastify's validation errors have the same shape). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

export interface SchemaProblem {
  /** JSON pointer of the value at fault; for a property the schema does not know, that property. */
  path: string;
  /** A Vietnamese clause without the final full stop. */
  message: string;
}

interface Place {
  /** Who the clause is about, e.g. `trường "hoTen"`; undefined when the caller shows the path itself. */
  subject: string | undefined;
  /** What a key of the document is called. */
  key: string;
}

type Clause = (params: Record<string, unknown>, at: Place) => string;

export interface SchemaWording {
  /**
   * What the document is called when the fault is in all of it ("nội dung" of a request, "bản ghi"
   * of a catalog record); a fault inside it names the field. Without it the clause names no
   * subject, for callers that show the path beside it.
   */
  whole?: string;
  /** What a key of the document is called: "trường" unless said ("thuộc tính" in a form definition, whose "trường" are the form's fields). */
  key?: string;
  /** Clauses a caller words its own way, by Ajv keyword. */
  own?: Partial<Record<string, Clause>>;
}

const lead = (at: Place) => (at.subject ? `${at.subject} ` : '');
const list = (values: unknown) => (Array.isArray(values) ? values.map(String).join(', ') : String(values));
const COMPARISON: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

const CLAUSES: Record<string, Clause> = {
  required: (p, at) => `thiếu ${at.key} bắt buộc "${String(p.missingProperty)}"`,
  additionalProperties: (p, at) => `${at.subject ?? `${at.key} "${String(p.additionalProperty)}"`} không có trong định dạng`,
  type: (p, at) => `${lead(at)}phải có kiểu ${String(p.type)}`,
  enum: (p, at) => `${at.subject ? `${at.subject} có ` : ''}giá trị không được hỗ trợ; chỉ nhận: ${list(p.allowedValues)}`,
  const: (p, at) => `${lead(at)}phải là "${String(p.allowedValue)}"`,
  pattern: (p, at) => `${lead(at)}sai định dạng (${String(p.pattern)})`,
  format: (p, at) => `${lead(at)}sai định dạng ${String(p.format)}`,
  minLength: (p, at) => (Number(p.limit) <= 1 ? `${lead(at)}không được để trống` : `${lead(at)}cần ít nhất ${String(p.limit)} ký tự`),
  maxLength: (p, at) => `${lead(at)}dài quá ${String(p.limit)} ký tự`,
  minimum: (p, at) => `${lead(at)}phải ${COMPARISON[String(p.comparison)] ?? '≥'} ${String(p.limit)}`,
  maximum: (p, at) => `${lead(at)}phải ${COMPARISON[String(p.comparison)] ?? '≤'} ${String(p.limit)}`,
  exclusiveMinimum: (p, at) => `${lead(at)}phải > ${String(p.limit)}`,
  exclusiveMaximum: (p, at) => `${lead(at)}phải < ${String(p.limit)}`,
  minItems: (p, at) => `${lead(at)}cần ít nhất ${String(p.limit)} mục`,
  maxItems: (p, at) => `${lead(at)}chỉ được có tối đa ${String(p.limit)} mục`,
  uniqueItems: (_p, at) => `${lead(at)}có mục bị trùng`,
  oneOf: (_p, at) => `${lead(at)}phải khớp với đúng một dạng được nhận`,
  anyOf: (_p, at) => `${lead(at)}không khớp với dạng nào được nhận`,
  not: (_p, at) => `${lead(at)}không dùng được ở đây`,
};

/** One schema error as a path and a Vietnamese clause, in the caller's wording. */
export function explainSchemaError(e: SchemaError, wording: SchemaWording = {}): SchemaProblem {
  const p = e.params;
  const path = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(p.additionalProperty)}` : e.instancePath;
  const key = wording.key ?? 'trường';
  const subject = wording.whole === undefined ? undefined : path ? `${key} "${path.slice(1).replaceAll('/', '.')}"` : wording.whole;
  const clause = wording.own?.[e.keyword] ?? CLAUSES[e.keyword] ?? ((_p: Record<string, unknown>, at: Place) => `${lead(at)}không đúng quy định (${e.keyword})`);
  return { path, message: clause(p, { subject, key }) };
}

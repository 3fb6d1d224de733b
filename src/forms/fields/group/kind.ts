// A repeating group ("Quá trình thực hành chuyên môn"): rows of the same fields, a table on paper.
// Its rows are checked by validate.ts, since each row is a scope of its own for conditions.
import type { GroupField, Value } from '../../model.ts';
import type { FieldKind } from '../kind.ts';

export const group: FieldKind<GroupField> = {
  label: 'Nhóm lặp lại',
  help: 'Các dòng cùng một bộ trường (fields), từ minRows đến maxRows dòng; trên giấy là một bảng có dòng trống để viết.',
  parameters: {
    properties: {
      itemLabel: { type: 'string' },
      minRows: { type: 'integer', minimum: 0, maximum: 100 },
      maxRows: { type: 'integer', minimum: 1, maximum: 100 },
      fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
    },
    required: ['fields'],
  },
  compareAs: 'none',
  conditionTarget: false,
  prefill: false,
  inGroup: false,
  column: 1.2,
  read: () => '',
  print(g, p) {
    const rows = p.filled ? ((p.value as Record<string, Value>[] | undefined) ?? []).map((row) => g.fields.map((sub) => p.paper(sub, row[sub.id]))) : [];
    const blank = Math.max(p.filled ? 0 : 3, (g.minRows ?? 0) - rows.length);
    for (let i = 0; i < blank; i++) rows.push(g.fields.map(() => ''));
    return [{ kind: 'table', number: p.number, label: p.label, columns: g.fields.map((sub) => ({ label: sub.label.normalize('NFC'), weight: p.column(sub) })), rows }];
  },
};

// The pledge (lời cam đoan): a box the person must tick; on paper, the pledge above the signature.
import type { ConsentField } from '../../model.ts';
import { checked } from '../answer.ts';
import type { FieldKind } from '../kind.ts';

export const consent: FieldKind<ConsentField> = {
  label: 'Lời cam đoan',
  help: 'Câu cam đoan người khai phải đánh dấu để gửi; trên giấy in thành lời cam đoan trên chữ ký.',
  compareAs: 'none',
  conditionTarget: true,
  prefill: false,
  inGroup: false,
  onPaper: 'pledge',
  column: 1.2,
  check({ field, raw, path }) {
    if (raw !== undefined && typeof raw === 'object') return { errors: { [path]: `${field.label}: giá trị không hợp lệ.` } };
    const on = checked(raw);
    return { value: on, errors: on ? undefined : { [path]: 'Hãy đánh dấu vào ô này để xác nhận lời cam đoan.' } };
  },
  conditionValues: (_f, raw) => (checked(raw) ? ['true'] : []),
  read: (_f, v) => (v ? 'Có' : 'Không'),
  print: () => [],
};

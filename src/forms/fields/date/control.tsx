import type { TextField } from '../../model.ts';
import type { Control } from '../control.ts';
import { textInput } from '../text/control.tsx';

export const dateControl: Control<TextField> = { render: (p) => textInput(p, { inputMode: 'numeric', hint: p.hint ?? 'Theo dạng ngày/tháng/năm, ví dụ 20/05/1990.', maxLength: 10 }) };

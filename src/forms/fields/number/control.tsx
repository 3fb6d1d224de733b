import type { TextField } from '../../model.ts';
import type { Control } from '../control.ts';
import { textInput } from '../text/control.tsx';

export const integerControl: Control<TextField> = { render: (p) => textInput(p, { inputMode: 'numeric' }) };
export const decimalControl: Control<TextField> = { render: (p) => textInput(p, { inputMode: 'decimal' }) };

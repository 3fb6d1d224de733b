import type { TextField } from '../../model.ts';
import type { Control } from '../control.ts';
import { textInput } from '../text/control.tsx';

export const idNumberControl: Control<TextField> = { render: (p) => textInput(p, { inputMode: 'numeric', maxLength: 12 }) };
export const phoneControl: Control<TextField> = { render: (p) => textInput(p, { type: 'tel', autocomplete: 'tel' }) };
export const emailControl: Control<TextField> = { render: (p) => textInput(p, { type: 'email', autocomplete: 'email' }) };
export const taxCodeControl: Control<TextField> = { render: (p) => textInput(p, { maxLength: 14 }) };

import type { ConsentField } from '../../model.ts';
import { checkboxControl } from '../checkbox/control.tsx';
import type { Control } from '../control.ts';

export const consentControl: Control<ConsentField> = checkboxControl;

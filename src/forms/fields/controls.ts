// The e-form control of every field type (F2), by type: what views/eform.tsx draws. Server only
// (Preact views); the browser-safe part of each type is registered in ./index.ts.
import type { Field } from '../model.ts';
import { addressControl } from './address/control.tsx';
import { attachmentControl } from './attachment/control.tsx';
import { checkboxControl } from './checkbox/control.tsx';
import { choiceControl, multichoiceControl } from './choice/control.tsx';
import { consentControl } from './consent/control.tsx';
import type { Control, Controls } from './control.ts';
import { dateControl } from './date/control.tsx';
import { groupControl } from './group/control.tsx';
import { emailControl, idNumberControl, phoneControl, taxCodeControl } from './identity-numbers/control.tsx';
import { decimalControl, integerControl } from './number/control.tsx';
import { textareaControl, textControl } from './text/control.tsx';

export const CONTROLS: Controls = {
  text: textControl,
  textarea: textareaControl,
  integer: integerControl,
  decimal: decimalControl,
  date: dateControl,
  choice: choiceControl,
  multichoice: multichoiceControl,
  checkbox: checkboxControl,
  idNumber: idNumberControl,
  phone: phoneControl,
  email: emailControl,
  taxCode: taxCodeControl,
  address: addressControl,
  group: groupControl,
  consent: consentControl,
  attachment: attachmentControl,
};

/** The e-form control of a field's type. */
export function controlOf(field: Field): Control {
  return CONTROLS[field.type] as Control;
}

export type { Control, ControlProps } from './control.ts';

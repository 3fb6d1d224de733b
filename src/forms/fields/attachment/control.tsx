import type { AttachmentField } from '../../model.ts';
import type { Control } from '../control.ts';

/** Nothing in the form itself: the section lists its papers, and they are uploaded on the files step. */
export const attachmentControl: Control<AttachmentField> = { own: true, render: () => null };

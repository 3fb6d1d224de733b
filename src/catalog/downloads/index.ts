export {
  type BlankFormInput,
  downloadFileName,
  formNumberLine,
  formSubtitle,
  formTitle,
  renderBlankDocx,
  renderBlankPdf,
} from './blank-form.ts';

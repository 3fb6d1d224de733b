// Blank paper forms to download (F4): the form's title lines, its file name, and the PDF and .docx.
export * from './blank-form.ts';

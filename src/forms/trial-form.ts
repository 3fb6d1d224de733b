// The head of the small form the forms' unit tests build on ("Tờ khai thử", Mau01): each test
// gives its own sections.

/** A version-1 definition of service 1.000001 with these sections, as a document before loading. */
export function trialForm<S>(sections: S) {
  return { format: 'dvctt-form/1' as const, id: 'thu', version: 1, code: 'Mau01', slug: 'Thu', title: 'Tờ khai thử', services: ['1.000001'], sections };
}

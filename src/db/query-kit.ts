// Rows read under the names the code uses. Every store reads snake_case columns as camelCase
// fields; `named` writes those aliases once, and Kysely checks each column as if spelled out.
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `named('p', ['code', 'sender_name'])` is `['p.code as code', 'p.sender_name as senderName']`, typed for `select`. */
export function named<const T extends string, const C extends readonly string[]>(table: T, columns: C): { [K in keyof C]: `${T}.${C[K]} as ${Camel<C[K]>}` } {
  return columns.map((c) => `${table}.${c} as ${c.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())}`) as { [K in keyof C]: `${T}.${C[K]} as ${Camel<C[K]>}` };
}

// The e-form's browser assets (decision 0006): the enhancement script is the server's own
// validation code bundled by esbuild on first use, named by its content hash and cached for a
// year; each definition version is served as JSON under an immutable name of its own.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FormDefinition } from './model.ts';

export interface Bundle {
  code: string;
  hash: string;
  url: string;
}

const ENTRY = fileURLToPath(new URL('./client/eform.ts', import.meta.url));
// identity's pure rules and the problems they answer with (their sentences), without its routes.
const IDENTITY_RULES = ['../identity/model.ts', '../identity/problems.ts'].map((f) => fileURLToPath(new URL(f, import.meta.url)));
export const STYLE_URL = '/assets/forms/eform.css';
export const STYLE = readFileSync(new URL('./client/eform.css', import.meta.url), 'utf8');

let bundling: Promise<Bundle> | undefined;

/** The bundle, built once per process; a failed build is retried on the next request. */
export function clientBundle(): Promise<Bundle> {
  bundling ??= build().catch((e: unknown) => {
    bundling = undefined;
    throw e;
  });
  return bundling;
}

async function build(): Promise<Bundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    plugins: [
      {
        // The validation uses identity's pure rules (CCCD, phone, dates); its index.ts also
        // exports the server's routes, which a browser must not load.
        name: 'pure-identity-rules',
        setup(b) {
          b.onResolve({ filter: /identity\/index\.ts$/ }, () => ({ path: 'identity', namespace: 'pure-identity-rules' }));
          b.onLoad({ filter: /.*/, namespace: 'pure-identity-rules' }, () => ({ contents: IDENTITY_RULES.map((f) => `export * from ${JSON.stringify(f)};`).join('\n'), loader: 'ts', resolveDir: fileURLToPath(new URL('../identity/', import.meta.url)) }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  return { code, hash, url: `/assets/forms/eform-${hash}.js` };
}

/** "/assets/forms/dinh-nghia/mau02-cchn-duoc-2.json": one URL per definition version. */
export function definitionUrl(def: FormDefinition): string {
  return `/assets/forms/dinh-nghia/${def.id}-${def.version}.json`;
}

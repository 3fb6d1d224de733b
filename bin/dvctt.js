#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `npx dvctt` and `npm start` use the same code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

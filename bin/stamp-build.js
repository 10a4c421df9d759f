#!/usr/bin/env node
// Run by `npm run build` after tsc: records which TypeScript dist/ was built from.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(new URL('../dist/.built', import.meta.url), `${sourceHash(root)}\n`);

#!/usr/bin/env node
// calfbot's command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'calfbot is not built yet: run `npm install` (or `npm run build`) in the calfbot folder first.',
  );
  process.exit(2);
}

// In a checkout (src/ beside dist/), refuse to run a build of other code: an old dist/ reads new
// knowledge files with an old schema and fails with a knowledge error that hides the cause.
// `npm run build` writes the digest of the TypeScript it built to dist/.built; an installed copy
// has no src/ and skips this.
const current = sourceHash(root);
if (current !== null) {
  const stamp = fileURLToPath(new URL('../dist/.built', import.meta.url));
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (built !== current) {
    console.error(
      'calfbot: dist/ was built from other code than src/ holds now (the TypeScript changed after the last build): run `npm run build` first.',
    );
    process.exit(2);
  }
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));

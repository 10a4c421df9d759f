#!/usr/bin/env node
// calfbot's command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'calfbot is not built yet: run `npm install` (or `npm run build`) in the calfbot folder first.',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));

#!/usr/bin/env node
// calfbot's command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'calfbot is not built yet: run `npm install` (or `npm run build`) in the calfbot folder first.',
  );
  process.exit(2);
}

// In a git checkout (src/ beside dist/), refuse to run a build older than the code: an old dist/
// reads new knowledge files with an old schema and fails with a knowledge error that hides the
// cause. `npm run build` writes dist/.built last; an installed package has no src/ and skips this.
const newestSource = (dir) => {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};
const stamp = join(root, 'dist', '.built');
if (existsSync(join(root, 'src')) && existsSync(join(root, 'tsconfig.json'))) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(
    ...['src', 'adapters', 'bench'].map((d) => (existsSync(join(root, d)) ? newestSource(join(root, d)) : 0)),
  );
  if (changed > built) {
    console.error(
      'calfbot: dist/ is older than the TypeScript in src/ (code changed after the last build): run `npm run build` first.',
    );
    process.exit(2);
  }
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));

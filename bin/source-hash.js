// A digest of calfbot's TypeScript (src/, adapters/, bench/), written to dist/.built by
// `npm run build` and compared by bin/calfbot.js: a checkout whose code changed after the last
// build is told to rebuild. Content, not file times, so copying a built folder does not trip it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIRS = ['src', 'adapters', 'bench'];

function tsFiles(dir, out) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) tsFiles(path, out);
    else if (item.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The digest of every .ts file under root's src/, adapters/ and bench/, or null without src/. */
export function sourceHash(root) {
  if (!existsSync(join(root, 'src'))) return null;
  const files = DIRS.filter((d) => existsSync(join(root, d)))
    .flatMap((d) => tsFiles(join(root, d), []))
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(root, f)))
      .update('\0');
  return hash.digest('hex');
}

/** Where things are: the calfbot folder (found from this file in bench/ or dist/bench/) and the development vignettes (test/vignettes/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'calfbot')
      return dir;
    dir = path.dirname(dir);
  }
  throw new Error('bench: cannot find the calfbot folder');
}

export const ROOT = findRoot();
export const DIST = path.join(ROOT, 'dist');
export const BIN = path.join(ROOT, 'bin', 'calfbot.js');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
export const VIGNETTES = path.join(ROOT, 'test', 'vignettes', 'dev.json');
/** A compiled bench script next to this one (for child processes). */
export const benchScript = (name: string): string =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), name);

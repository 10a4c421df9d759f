/**
 * Second process for the two-process store bench: `node store-worker.js '<LoadOptions JSON>'`.
 * Opens the store, says `ready`, runs the load when it reads `go`, prints the LoadResult as JSON.
 */
import { createInterface } from 'node:readline';
import { loadKnowledge } from '../src/knowledge/load.js';
import { type LoadOptions, openStore, runLoad } from './store-load.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const knowledge = loadKnowledge();
const store = await openStore(opts.url, opts.keyPrefix);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const result = await runLoad(knowledge, store, opts);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  break;
}
lines.close();
await store.close();

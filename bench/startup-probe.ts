/**
 * Child process for the start-up bench: how long, from process start, until calfbot's modules
 * are imported and its knowledge is loaded and validated. Prints one JSON line.
 * `node dist/bench/startup-probe.js` (whole CLI) or `... startup-probe.js module <name>` (one import).
 */
import { performance } from 'node:perf_hooks';

const [mode, name] = process.argv.slice(2);
const boot = performance.now();

if (mode === 'module' && name) {
  const t = performance.now();
  await import(name);
  process.stdout.write(`${JSON.stringify({ module: name, importMs: performance.now() - t })}\n`);
} else {
  const t0 = performance.now();
  await import('../src/cli.js');
  const t1 = performance.now();
  const { loadKnowledge } = await import('../src/knowledge/load.js');
  const knowledge = loadKnowledge();
  const t2 = performance.now();
  loadKnowledge();
  const t3 = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      bootMs: boot,
      importCliMs: t1 - t0,
      loadKnowledgeMs: t2 - t1,
      loadKnowledgeWarmMs: t3 - t2,
      readyMs: t2,
      findings: knowledge.findings.size,
    })}\n`,
  );
}

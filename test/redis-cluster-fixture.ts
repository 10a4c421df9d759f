/**
 * A throwaway 3-node Redis Cluster on free 127.0.0.1 ports (no persistence, no replicas): three
 * `redis-server --cluster-enabled yes` processes, the 16384 slots split between them, joined
 * with CLUSTER MEET. `start()` rejects with the reason when this machine cannot run one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './redis-server-fixture.js';

const SLOTS = 16384;

async function until(what: string, check: () => Promise<boolean>, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`redis cluster: ${what} did not happen`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export class RedisClusterFixture {
  private constructor(
    readonly ports: number[],
    private readonly children: ChildProcess[],
    private readonly dir: string,
  ) {}

  /** redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3 */
  get url(): string {
    return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  static async start(): Promise<RedisClusterFixture> {
    const dir = mkdtempSync(path.join(tmpdir(), 'calfbot-cluster-'));
    const ports = [await freePort(), await freePort(), await freePort()];
    const children = ports.map((port) =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--cluster-node-timeout',
          '2000',
        ],
        { stdio: 'ignore' },
      ),
    );
    const fixture = new RedisClusterFixture(ports, children, dir);
    const clients: Redis[] = [];
    try {
      for (const c of children) c.once('error', () => undefined); // reported below as "did not start"
      for (const port of ports) {
        await until(`redis-server on ${port}`, () => listening(port));
        const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
        client.on('error', () => undefined);
        clients.push(client);
      }
      const enabled = (await clients[0]!.info('cluster')).includes('cluster_enabled:1');
      if (!enabled) throw new Error('redis-server does not run in cluster mode');
      const per = Math.ceil(SLOTS / ports.length);
      for (const [i, c] of clients.entries())
        await c.call('CLUSTER', 'ADDSLOTSRANGE', String(i * per), String(Math.min(SLOTS, (i + 1) * per) - 1));
      for (const port of ports.slice(1)) await clients[0]!.call('CLUSTER', 'MEET', '127.0.0.1', String(port));
      for (const c of clients)
        await until('cluster_state:ok', async () =>
          String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok'),
        );
      return fixture;
    } catch (error) {
      await fixture.stop();
      throw error;
    } finally {
      for (const c of clients) c.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

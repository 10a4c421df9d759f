/**
 * `calfbot start --shards auto|N`: discord.js's ShardingManager runs one process per shard
 * (shard-process.ts, compiled next to this file); each shard runs its own Bot on the shared store
 * (Redis, or one SQLite file), so a conversation can continue on any shard. This process only
 * supervises: it asks Discord how many shards to run ('auto'), starts them as fast as Discord's
 * identify limit allows, restarts a shard that crashes (with backoff), and on stop() asks every
 * shard to finish its turns and exit (SIGTERM), killing one that does not within a grace period.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../../src/config.js';
import { CalfbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { fetchGatewayInfo } from './gateway-info.js';
import { discordToken } from './token.js';

export interface StartShardsOptions {
  config: Config;
  logger: Logger;
  /** 'auto': as many as Discord recommends (GET /gateway/bot). */
  shards: 'auto' | number;
}

export interface ShardsHandle {
  manager: ShardingManager;
  /** How many shards run. */
  totalShards: number;
  stop(): Promise<void>;
  /** Every shard process is up and its gateway connection ready (for /readyz). */
  connected(): boolean;
}

/** Discord allows one IDENTIFY per 5 s per rate-limit bucket (max_concurrency buckets). */
const IDENTIFY_INTERVAL_MS = 5_500;
/** How long a shard may take to connect (READY) when it starts. */
const SHARD_READY_TIMEOUT_MS = 30_000;
/** A shard gets this long after SIGTERM (it finishes turns for up to 10 s) before SIGKILL. */
const SHARD_STOP_GRACE_MS = 20_000;
/** A shard that ran this long without crashing starts its backoff over. */
const STABLE_AFTER_MS = 60_000;

/** Wait before restarting a shard after its `attempt`-th crash in a row: 1 s, 2 s, 4 s ... 60 s. */
export function respawnDelayMs(attempt: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt));
}

/** Milliseconds between starting two shards, so their IDENTIFYs stay within Discord's limit. */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(IDENTIFY_INTERVAL_MS / Math.max(1, maxConcurrency));
}

/** The compiled shard entry point (dist/adapters/discord/shard-process.js). */
export function shardProcessFile(): string {
  const file = fileURLToPath(new URL('./shard-process.js', import.meta.url));
  if (!existsSync(file)) {
    throw new CalfbotError(
      'INTERNAL',
      `the shard entry point ${file} is missing: run \`npm run build\` and start calfbot with bin/calfbot.js.`,
    );
  }
  return file;
}

export async function startShards({ config, logger, shards }: StartShardsOptions): Promise<ShardsHandle> {
  const token = discordToken(config);
  const file = shardProcessFile();
  const gateway = await fetchGatewayInfo(config, token);
  const totalShards = shards === 'auto' ? gateway.shards : shards;
  if (totalShards < gateway.shards) {
    logger.warn(
      { event: 'discord_shards_below_recommended', shards: totalShards, recommended: gateway.shards },
      'fewer shards than Discord recommends; Discord may refuse to connect them',
    );
  }
  if (gateway.remaining < totalShards) {
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `Discord allows only ${gateway.remaining} more gateway connection${gateway.remaining === 1 ? '' : 's'} for this bot until the limit resets in ${Math.ceil(gateway.resetAfterMs / 60_000)} minutes; ${totalShards} shards need ${totalShards}.`,
    );
  }

  const manager = new ShardingManager(file, { totalShards, token, mode: 'process', respawn: false });
  const supervisor = new Supervisor(manager, logger);
  manager.on('shardCreate', (shard) => supervisor.watch(shard));
  logger.info(
    { event: 'discord_shards_starting', shards: totalShards, auto: shards === 'auto' },
    `starting ${totalShards} Discord shard${totalShards === 1 ? '' : 's'}`,
  );
  try {
    await manager.spawn({
      amount: totalShards,
      delay: spawnDelayMs(gateway.maxConcurrency),
      timeout: SHARD_READY_TIMEOUT_MS,
    });
  } catch (error) {
    await supervisor.stopAll();
    throw new CalfbotError(
      'PLATFORM_ERROR',
      `a Discord shard did not start (${(error as Error).message}); see the log lines above.`,
      { cause: error },
    );
  }
  logger.info(
    { event: 'discord_shards_ready', shards: totalShards },
    `all ${totalShards} Discord shard${totalShards === 1 ? ' is' : 's are'} running`,
  );
  return {
    manager,
    totalShards,
    stop: () => supervisor.stopAll(),
    connected: () => manager.shards.size === totalShards && manager.shards.every((s) => s.ready),
  };
}

/** Restarts crashed shards and stops them all on request. */
class Supervisor {
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Per shard: when it last became ready, and crashes in a row since it was stable. */
  private readonly health = new Map<number, { readyAt: number | null; crashes: number }>();

  constructor(
    private readonly manager: ShardingManager,
    private readonly logger: Logger,
  ) {}

  watch(shard: Shard): void {
    const health = { readyAt: null as number | null, crashes: 0 };
    this.health.set(shard.id, health);
    shard.on('spawn', (child) => {
      this.logger.info(
        { event: 'discord_shard_spawned', shard: shard.id, pid: (child as ChildProcess).pid },
        'shard process started',
      );
    });
    shard.on('ready', () => {
      health.readyAt = Date.now();
      this.logger.info({ event: 'discord_shard_ready', shard: shard.id }, 'shard connected');
    });
    shard.on('error', (error) => {
      this.logger.error(
        { event: 'discord_shard_error', shard: shard.id, err: { name: error.name } },
        'shard error',
      );
    });
    shard.on('death', (child) => {
      if (this.stopping) return;
      const { exitCode, signalCode } = child as ChildProcess;
      this.logger.warn(
        { event: 'discord_shard_died', shard: shard.id, code: exitCode, signal: signalCode },
        'shard process exited',
      );
      // A shard that never connected fails start-up (spawn rejects); one that ran is restarted.
      if (health.readyAt === null) return;
      if (Date.now() - health.readyAt > STABLE_AFTER_MS) health.crashes = 0;
      const delay = respawnDelayMs(health.crashes++);
      this.logger.info(
        { event: 'discord_shard_respawning', shard: shard.id, inMs: delay },
        'restarting shard',
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.stopping || shard.process) return;
        shard.spawn(SHARD_READY_TIMEOUT_MS).catch((error: Error) => {
          this.logger.warn(
            { event: 'discord_shard_respawn_failed', shard: shard.id, err: { name: error.name } },
            'restarted shard did not connect',
          );
        });
      }, delay);
      this.timers.add(timer);
    });
  }

  stopAll(): Promise<void> {
    this.stopping = true;
    this.stopped ??= (async () => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      await Promise.all([...this.manager.shards.values()].map((shard) => this.stopShard(shard)));
      this.logger.info({ event: 'discord_shards_stopped' }, 'all shards stopped');
    })();
    return this.stopped;
  }

  private async stopShard(shard: Shard): Promise<void> {
    const child = shard.process;
    if (!child) return;
    const exited = child.exitCode !== null || child.signalCode !== null ? null : once(child, 'exit');
    shard.kill(); // SIGTERM: the shard finishes its turns, disconnects, closes the store, exits 0
    if (!exited) return;
    const timer = setTimeout(() => {
      this.logger.warn({ event: 'discord_shard_kill', shard: shard.id }, 'shard did not stop in time');
      child.kill('SIGKILL');
    }, SHARD_STOP_GRACE_MS);
    await exited.catch(() => undefined);
    clearTimeout(timer);
  }
}

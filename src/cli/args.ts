/**
 * The `calfbot` command line before anything starts: which subcommand, `--help` for each (printed
 * with no side effect: no configuration read, no store opened, no stdin read), `--version`, and
 * the one table of exit codes every path of the CLI uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCalfbotError } from '../errors.js';

/** Exit codes (the same table is in the README). */
export const EXIT = {
  /** Done, or stopped by SIGTERM / SIGINT after a clean shutdown. */
  OK: 0,
  /** Something failed while running: the platform refused, the store failed, a bug. */
  RUNTIME: 1,
  /** Configuration or usage: a bad or missing variable, an unknown command or option. Fix and rerun. */
  USAGE: 2,
} as const;

/** A configuration or knowledge mistake is the operator's to fix (2); anything else is runtime (1). */
export function exitCodeFor(error: unknown): number {
  return isCalfbotError(error, 'CONFIG_INVALID') || isCalfbotError(error, 'KNOWLEDGE_INVALID')
    ? EXIT.USAGE
    : EXIT.RUNTIME;
}

export type Command = 'start' | 'converse' | 'register-commands';

const OVERVIEW = `usage: calfbot [command] [options]
  start              (the default) Slack and/or Discord when their tokens are set; otherwise a chat
                     in this terminal
  converse           JSON lines on stdin and stdout, one reply line per input line (see README)
  register-commands  deploy the Discord /calves command
  help [command]     this text, or one command's; also calfbot <command> --help
  --version          print the version

Exit codes: 0 ok, 2 configuration or usage (fix and rerun), 1 runtime failure.
Configuration comes from the environment and .env (see .env.example).`;

const HELP: Record<Command, string> = {
  start: `usage: calfbot start [--shards auto|N]
  Runs on Slack when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT)
  and on Discord when DISCORD_TOKEN is set; with neither, opens a chat in this terminal.
  /healthz, /readyz and /metrics are served on PORT in Slack HTTP mode, and on HEALTH_PORT when set.
  --shards auto|N  run Discord under discord.js's ShardingManager, one process per shard
                   (share one store between them: STORE_URL=redis://... or one SQLite file)`,
  converse: `usage: calfbot converse
  Reads one JSON object per line on stdin and writes exactly one JSON line per input line on
  stdout (logs go to stderr). Conversations are kept in STORE_URL like any other; use
  STORE_URL=memory: for a run that starts fresh and keeps nothing. Lines:
    {"conversation":"c1","text":"why do my calves hurt"}
    {"conversation":"c1","answer":{"question":"<id>","choice":"yes|no|unsure"}}
    {"conversation":"c1","answer":{"question":"<id>","selected":["<finding>"]}}
    {"conversation":"c1","command":"restart|forget|help"}`,
  'register-commands': `usage: calfbot register-commands [--clear-guild]
  Deploys /calves to DISCORD_GUILD_ID (instantly, for development) or globally without it.
  Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (exit 2 without them).
  --clear-guild  delete calfbot's commands from DISCORD_GUILD_ID (the global ones stay)`,
};

const OPTIONS: Record<Command, { flags: string[]; valued: string[] }> = {
  start: { flags: [], valued: ['--shards'] },
  converse: { flags: [], valued: [] },
  'register-commands': { flags: ['--clear-guild'], valued: [] },
};

export type Parsed =
  | { kind: 'run'; command: Command; args: string[] }
  | { kind: 'print'; text: string }
  | { kind: 'usage-error'; message: string };

const isCommand = (c: string): c is Command => c in HELP;

/** What the argument vector asks for; nothing is read or started here. */
export function parseArgs(argv: string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V' || first === 'version')
    return { kind: 'print', text: version() };
  if (first === undefined) return { kind: 'run', command: 'start', args: [] };
  if (first === 'help' || first === '--help' || first === '-h') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'print', text: OVERVIEW };
    return isCommand(topic)
      ? { kind: 'print', text: HELP[topic] }
      : { kind: 'usage-error', message: `no help for "${topic}": it is not a calfbot command.\n${OVERVIEW}` };
  }
  const command = first.startsWith('-') ? 'start' : first;
  const args = first.startsWith('-') ? argv : rest;
  if (!isCommand(command))
    return { kind: 'usage-error', message: `unknown command "${command}".\n${OVERVIEW}` };
  if (args.includes('--help') || args.includes('-h')) return { kind: 'print', text: HELP[command] };
  const { flags, valued } = OPTIONS[command];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.split('=')[0]!;
    if (flags.includes(arg)) continue;
    if (valued.includes(name)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    return {
      kind: 'usage-error',
      message: `"${arg}" is not an option of calfbot ${command}.\n${HELP[command]}`,
    };
  }
  return { kind: 'run', command, args };
}

/** calfbot's version, from its package.json (found upwards from this file in src/ or dist/src/). */
export function version(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'calfbot') return `calfbot ${pkg.version ?? 'unknown'}`;
    }
    dir = path.dirname(dir);
  }
  return 'calfbot (version unknown)';
}

/** The targets from the benchmark issue. */
export const TARGETS = {
  stepP99Ms: 1,
  startupMs: 1500,
  bytesPerConversation: 4096,
  /** Slack and Discord paths as a share of their bare baselines' throughput (issue 17: 0.6). */
  baselineRatio: 0.6,
  /** Slack and Discord: calfbot's CPU an event minus the bare SDK's, same run (issue 17). */
  overBareCpuMs: 1,
  ackP99Ms: 100,
  /** `calfbot converse`: the process's own CPU a turn. */
  converseCpuMs: 1,
  /** Cost per turn at 100,000 live conversations over the cost at 1, minus one. */
  liveGrowth: 0.1,
} as const;

/** The targets from the benchmark issue. */
export const TARGETS = {
  stepP99Ms: 1,
  startupMs: 1500,
  bytesPerConversation: 4096,
  /** Slack and Discord paths as a share of their bare baselines' throughput. */
  baselineRatio: 0.8,
  ackP99Ms: 100,
  /** `calfbot converse`: the process's own CPU a turn. */
  converseCpuMs: 1,
} as const;

/** A loggable summary of a failed Slack call: codes and statuses only, never the request. */
export interface SlackFailure {
  code: string;
  apiError?: string;
  status?: number;
  retryAfter?: number;
}

export function describeSlackError(error: unknown): SlackFailure {
  const e = error as {
    code?: unknown;
    name?: unknown;
    statusCode?: unknown;
    retryAfter?: unknown;
    data?: { error?: unknown };
  };
  return {
    code: typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unknown',
    ...(typeof e?.data?.error === 'string' ? { apiError: e.data.error } : {}),
    ...(typeof e?.statusCode === 'number' ? { status: e.statusCode } : {}),
    ...(typeof e?.retryAfter === 'number' ? { retryAfter: e.retryAfter } : {}),
  };
}

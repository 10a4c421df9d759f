/**
 * The `fetch` the Slack WebClient sends its calls with: undici's `request` over one keep-alive
 * Agent, in place of the WHATWG `fetch` (which builds Request, Headers, Response and web streams
 * for every call). The WebClient keeps everything else: its queue, its retries, Slack's
 * Retry-After on 429, its typed errors. A Web API call is a small form-encoded POST and a small
 * JSON answer, so this shim handles exactly that (a string body) and hands anything else (a file
 * upload's FormData) to the global fetch.
 *
 * The per-attempt time limit is the Agent's (no answer headers, or no body bytes, for
 * `timeoutMs`), not an `AbortSignal.timeout` per call: the WebClient is built with `timeout: 0`
 * and this Agent enforces the limit with undici's own timers (coarse ones, about a second's
 * resolution: the 10 s limit fires between 10 and 11 s). A signal a caller passes still aborts
 * the call. Measured in docs/benchmarks.md ("Slack path against bare Bolt").
 */
import { Agent, request } from 'undici';

type FetchLike = typeof globalThis.fetch;

/** What the WebClient reads of an answer: status, a few headers, and the body as text. */
class LeanHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

class LeanResponse {
  readonly ok: boolean;
  readonly headers: LeanHeaders;
  readonly redirected = false;
  readonly type = 'basic';
  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: Buffer,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new LeanHeaders(headers);
  }
  async text(): Promise<string> {
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.body;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  }
}

export interface SlackFetchOptions {
  /** No answer headers, or no body bytes, for this long fails the attempt (ms). */
  timeoutMs: number;
  /** Most sockets kept open to one Slack host. */
  connections?: number;
}

/** Status texts the WebClient puts in its WebAPIHTTPError (undici gives none). */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface SlackFetch {
  fetch: FetchLike;
  /** Close the Agent's sockets (on shutdown). */
  close(): Promise<void>;
}

export function slackFetch({ timeoutMs, connections = 64 }: SlackFetchOptions): SlackFetch {
  const agent = new Agent({
    connections,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
  });
  const leanFetch = async (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) => {
    const body = init?.body;
    if (typeof input !== 'string' || (body !== undefined && body !== null && typeof body !== 'string'))
      return globalThis.fetch(input, init);
    const res = await request(input, {
      dispatcher: agent,
      method: (init?.method ?? 'GET') as 'POST',
      headers: init?.headers as Record<string, string> | undefined,
      body: body ?? null,
      signal: init?.signal ?? null,
    });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    return new LeanResponse(
      res.statusCode,
      STATUS_TEXT[res.statusCode] ?? '',
      res.headers,
      bytes,
      input,
    ) as unknown as Response;
  };
  return { fetch: leanFetch as FetchLike, close: () => agent.close() };
}

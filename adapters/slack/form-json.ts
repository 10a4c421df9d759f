/**
 * Block Kit for a Web API call (chat.postMessage, chat.update, chat.postEphemeral), already as
 * the JSON text the WebClient would put in the form body. Handed an array, the WebClient
 * JSON-encodes it for the body and, for a debug line it builds even when debug logging is off
 * (`redact()` in its `makeRequest`), also walks the whole tree into a redacted copy and encodes
 * that again. Handed the string, the body is byte for byte the same and the walk is skipped
 * (about 0.1 ms of CPU a post with calfbot's blocks; docs/benchmarks.md, "Slack path against
 * bare Bolt"). Not for response_url posts: those are JSON bodies and take the array.
 */
export function formJson<T>(value: T): T {
  // The WebClient's types want the array; Slack's form encoding takes the JSON text.
  return JSON.stringify(value) as unknown as T;
}

/*
 * Bounded exponential back-off for what is worth retrying: NSX and vCenter answer 429 (too many
 * requests) and 503 (a service restarting) for a while, and a connection reset is a proxy or a
 * Manager node failing over. Anything else fails at once.
 */

/** At most this many retries after the first attempt. */
export const MAX_RETRIES = 7;
/** The first wait; each next one doubles, up to MAX_WAIT_MS (at most about 24 s in all). */
export const FIRST_WAIT_MS = 250;
export const MAX_WAIT_MS = 8000;

const RETRIED_STATUSES = new Set([429, 503]);
const RETRIED_ERRORS = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

export function isRetriedStatus(status: number): boolean {
  return RETRIED_STATUSES.has(status);
}

export function isRetriedError(error: unknown): boolean {
  return RETRIED_ERRORS.has((error as NodeJS.ErrnoException)?.code ?? "");
}

/** How long to wait before retry `attempt` (1-based), honouring a Retry-After in seconds. */
export function retryWaitMs(attempt: number, retryAfter?: string): number {
  const backoff = Math.min(FIRST_WAIT_MS * 2 ** (attempt - 1), MAX_WAIT_MS);
  const asked = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
  return Math.min(Math.max(backoff, asked), MAX_WAIT_MS);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

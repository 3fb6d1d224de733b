// Work that goes on beside the test (a worker, another process, a server coming back) is polled
// until it shows, and a test that gives up says what it was waiting for and what it last saw.

export interface EventuallyOptions {
  /** How long to wait before failing (default 30 s). */
  ms?: number;
  /** Pause between two looks (default 50 ms). */
  every?: number;
  /** A look that throws counts as "not yet" (a server down for a while); its error is kept for the failure message. */
  retryErrors?: boolean;
}

/** Polls `check` until it gives a value (not undefined, false, null, 0 or ''); fails naming `what` after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false | null> | T | undefined | false | null, options: EventuallyOptions = {}): Promise<T> {
  const { ms = 30_000, every = 50, retryErrors = false } = options;
  const start = Date.now();
  let last: unknown;
  let tries = 0;
  for (;;) {
    tries++;
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      if (!retryErrors) throw err;
      last = err;
    }
    if (Date.now() - start > ms) {
      const seen = last instanceof Error ? `the last look failed: ${last.message}` : `the last look gave ${String(last)}`;
      throw new Error(`still waiting for ${what} after ${Math.round((Date.now() - start) / 1000)} s (${tries} looks; ${seen})`);
    }
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Waits until `check` holds or `ms` have passed, without failing: for a test whose own assertion
 * follows and says better what went wrong.
 */
export async function settled(check: () => boolean | Promise<boolean>, options: Omit<EventuallyOptions, 'retryErrors'> = {}): Promise<void> {
  const { ms = 5_000, every = 50 } = options;
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, every));
}

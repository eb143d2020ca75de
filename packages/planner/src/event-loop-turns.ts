/**
 * Longest stretch of evaluation or generation without a turn of the event loop, ms: a stop waits at most this
 * (plus one evaluation or module call). By time, not by count: a turn every 8 evaluations made a fast scorer
 * 1.3 to 1.8 times slower (aggressive on universe_30, about 8 µs an evaluation, loaded machine).
 */
export const EVENT_LOOP_TURN_MS = 50;

/** Lets the event loop run (timers, I/O, signal handlers) before going on. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

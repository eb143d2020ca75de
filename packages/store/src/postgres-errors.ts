const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTCONN']);

/** The server or the network went away (worth reconnecting), as opposed to a wrong query or a refused login. */
export function isConnectionError(e: unknown): boolean {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (CONNECTION_CODES.has(code)) return true;
  // SQLSTATE class 08 (connection exception); 57P01-03: the server shuts down, crashed, or is starting.
  if (/^08/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const message = (e as Error | null)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Connection ended/i.test(message);
}

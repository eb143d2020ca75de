import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/** ReadyForQuery, idle: the server sends it once a transaction has ended (committed, for a statement that succeeded). */
const READY_IDLE = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

export interface ReplyCutProxy {
  /** Connection string through the proxy. */
  readonly url: string;
  /** Replies dropped so far (each with its connection). */
  readonly cuts: number;
  /** The next transaction whose statements include `marker` (client side) loses its reply after the server committed it. */
  cutNextCommitOf(marker: string): void;
  /**
   * Cuts every connection and refuses new ones (the network between client and server is gone), or
   * lets them through again. `lingering`: the server's side of each cut connection stays open, as
   * when the server has not yet noticed that its client is gone (its sessions and locks live on).
   */
  setDown(down: boolean, lingering?: boolean): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a PostgreSQL server that can lose one reply the way a
 * restart does: the server commits, and the connection dies before the client
 * reads the answer. Deterministic, unlike a real halt timed against a fetch.
 * It can also cut one client off from the server while others still reach it.
 */
export async function startReplyCutProxy(url: string): Promise<ReplyCutProxy> {
  const target = new URL(url);
  let marker: string | null = null;
  let cuts = 0;
  let down = false;
  const sockets = new Set<Socket>();
  const clients = new Map<Socket, () => void>();
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let watching = false;
    let lingering = false;
    const cut = (): void => {
      client.destroy();
      if (!lingering) upstream.destroy();
    };
    clients.set(client, () => {
      lingering = true;
      client.destroy();
    });
    client.on('data', (chunk: Buffer) => {
      if (marker !== null && chunk.includes(marker)) {
        marker = null;
        watching = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (watching && chunk.includes(READY_IDLE)) {
        cuts++;
        cut();
        return;
      }
      client.write(chunk);
    });
    for (const s of [client, upstream]) {
      s.on('error', cut);
      s.on('close', () => {
        sockets.delete(s);
        clients.delete(s);
        cut();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: proxied.toString(),
    get cuts() {
      return cuts;
    },
    cutNextCommitOf(m) {
      marker = m;
    },
    setDown(value, lingering = false) {
      down = value;
      if (!down) return;
      if (lingering) for (const leave of [...clients.values()]) leave();
      else for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * A TCP proxy for fault tests: put it between the app and a server (Postgres) and take the server
 * "away" and back without touching it. `down()` drops every open connection and stops listening, so
 * new connections are refused (ECONNREFUSED) exactly as if the server had stopped; `up()` listens on
 * the same port again. `downWhen()` goes down at an exact point of the conversation: when the client
 * sends bytes that match (e.g. a transaction's INSERT, or its COMMIT).
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** The port the proxy listens on (stays the same across down/up). */
  readonly port: number;
  readonly isUp: boolean;
  /** Connections accepted since start (each one a client the app opened). */
  readonly accepted: number;
  /** Connections open right now. */
  readonly open: number;
  /** Drops every connection and refuses new ones until up(). */
  down(): Promise<void>;
  /**
   * Goes down the moment a client sends data that `match`es: before that data reaches the server, or
   * (`deliver: true`) right after it was handed to the server, so the server acts on it but its answer
   * never comes back. Resolves when it has happened.
   */
  downWhen(match: (data: Buffer) => boolean, options?: { deliver?: boolean }): Promise<void>;
  /** Accepts and forwards connections again. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  let server: Server | null = null;
  let trigger: { match: (data: Buffer) => boolean; deliver: boolean; fired: () => void } | null = null;

  const onConnection = (client: Socket) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    let delivering = false;
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      if (!delivering) upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.on("data", (data: Buffer) => {
      const armed = trigger;
      if (armed !== null && armed.match(data)) {
        trigger = null;
        if (armed.deliver) {
          // Hand the data over and half-close (destroying would discard it unsent): the server acts
          // on it, and its answer goes nowhere because the client side is reset with the rest.
          delivering = true;
          pairs.delete(pair);
          upstream.unpipe(client);
          upstream.end(data);
          upstream.on("end", () => upstream.destroy()).resume();
          client.resetAndDestroy();
        }
        void stopListening().then(armed.fired);
        return;
      }
      if (!upstream.write(data)) client.pause();
    });
    upstream.on("drain", () => client.resume());
    upstream.pipe(client);
  };

  const listen = (onPort: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once("error", reject);
      s.listen(onPort, "127.0.0.1", () => {
        s.off("error", reject);
        server = s;
        resolve((s.address() as AddressInfo).port);
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (s === null) return resolve();
      s.close(() => resolve());
      // Like a crashed server: connections end abruptly (RST), not with a goodbye.
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    });

  const listeningPort = await listen(port);
  return {
    port: listeningPort,
    get isUp() {
      return server !== null;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    down: stopListening,
    downWhen: (match, options = {}) =>
      new Promise<void>((resolve) => {
        trigger = { match, deliver: options.deliver ?? false, fired: resolve };
      }),
    up: async () => {
      if (server === null) await listen(listeningPort);
    },
    close: stopListening,
  };
}

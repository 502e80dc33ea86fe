import net from 'node:net';

/**
 * How the proxy fails: `refuse` resets every open connection and stops listening (new
 * connections are refused); `blackhole` keeps every socket open but forwards nothing more
 * in either direction, and accepts new connections that it never forwards (a network
 * partition: the peer hangs instead of failing).
 */
export type CutMode = 'refuse' | 'blackhole';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
}

/**
 * A loopback TCP proxy for fault tests: the code under test connects through it, and the
 * test cuts it (now, or when the client sends a given byte pattern) and restores it.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let state: 'open' | CutMode = 'open';
  let trigger: { pattern: Buffer; mode: CutMode; forward: boolean } | null = null;
  const pairs = new Set<Pair>();
  let server: net.Server;

  const drop = (p: Pair) => {
    p.client.destroy();
    p.upstream?.destroy();
    pairs.delete(p);
  };

  const onConnection = (client: net.Socket) => {
    const pair: Pair = { client, upstream: null };
    pairs.add(pair);
    client.on('error', () => drop(pair));
    client.on('close', () => {
      // A hung (black-holed) connection stays open upstream until the proxy is restored,
      // as a real partition would keep it; otherwise closing one side closes the other.
      if (state === 'open') drop(pair);
    });
    if (state === 'blackhole') return; // accepted, never forwarded
    const upstream = net.connect(target);
    pair.upstream = upstream;
    upstream.on('error', () => drop(pair));
    upstream.on('close', () => {
      if (state === 'open') drop(pair);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (state === 'open') client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      if (state !== 'open') return;
      if (trigger && chunk.includes(trigger.pattern)) {
        const { mode, forward } = trigger;
        trigger = null;
        if (forward) upstream.write(chunk);
        cut(mode);
        return;
      }
      upstream.write(chunk);
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  let port = 0;
  await listen();
  port = (server!.address() as net.AddressInfo).port;

  function cut(mode: CutMode) {
    state = mode;
    if (mode === 'refuse') {
      server.close();
      for (const p of [...pairs]) drop(p);
    }
  }

  return {
    port,
    /** Sockets open through the proxy now (client side). */
    get connections() {
      return pairs.size;
    },
    /** Fails the proxy now. */
    cut,
    /**
     * Fails the proxy when a client sends bytes containing `pattern` (e.g. a statement's SQL
     * text). `forward`: that chunk still reaches the server before the cut (its answer is lost).
     */
    cutWhen(pattern: string, mode: CutMode, opts: { forward?: boolean } = {}) {
      trigger = { pattern: Buffer.from(pattern), mode, forward: opts.forward ?? false };
    },
    /** Ends the fault: hung connections are closed (the network is back), new ones are forwarded. */
    async restore() {
      trigger = null;
      const was = state;
      if (was === 'open') return;
      state = 'open';
      for (const p of [...pairs]) drop(p);
      if (was === 'refuse') await listen();
    },
    async close() {
      trigger = null;
      state = 'refuse';
      for (const p of [...pairs]) drop(p);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

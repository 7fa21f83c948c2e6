/**
 * A counting TCP proxy, run as its own process by the benchmark: listens on 127.0.0.1, forwards
 * every connection to the source peer's port, and counts the TCP payload bytes each way. Both
 * paths go through it, so "bytes on the wire" includes everything each stack sends: the
 * HTTP upgrade and WebSocket frames on the server path; multistream-select, the Noise handshake
 * and its 16-byte tags, yamux headers and window updates, identify and ping on the p2p path.
 * Nagle is off on both legs, as libp2p and ws set it on their own sockets.
 *
 * Usage (forked): wire-counter <target port>. Answers `read` with the counts so far.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { FromCounter, ToCounter } from './protocol.js';

const targetPort = Number(process.argv[2]);
if (!Number.isInteger(targetPort) || targetPort <= 0) throw new Error('usage: wire-counter PORT');

const counts = { toServer: 0, toClient: 0, connections: 0 };
const sockets = new Set<Socket>();

function report(message: FromCounter): void {
  process.send?.(message);
}

const server = createServer((client) => {
  counts.connections += 1;
  const upstream = connect({ host: '127.0.0.1', port: targetPort });
  for (const socket of [client, upstream]) {
    socket.setNoDelay(true);
    sockets.add(socket);
  }
  client.on('data', (chunk: Buffer) => {
    counts.toServer += chunk.byteLength;
  });
  upstream.on('data', (chunk: Buffer) => {
    counts.toClient += chunk.byteLength;
  });
  client.pipe(upstream);
  upstream.pipe(client);
  const close = (): void => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  for (const socket of [client, upstream]) {
    socket.on('error', close);
    socket.on('close', close);
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  report({ type: 'listening', port: address.port });
});

process.on('message', (raw) => {
  const message = raw as ToCounter;
  if (message.type === 'read') {
    report({ type: 'counts', ...counts });
  } else {
    server.close();
    for (const socket of sockets) socket.destroy();
    process.disconnect();
  }
});

// Never outlive the benchmark: when it goes away (or disconnects on purpose), so does this.
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 500).unref();
});

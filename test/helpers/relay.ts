// A relay in front of the sandbox STS: it forwards each request and, once the answer is in hand
// and before the client gets it, runs `onAnswer` (a test spoils the disk or aborts there).
import {createServer, request} from 'node:http';
import type {AddressInfo} from 'node:net';

export type Relay = {endpoint: string; close(): Promise<void>};

export async function startRelay(upstream: string, onAnswer: () => Promise<void>): Promise<Relay> {
  const to = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = request(
        {host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers},
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            void onAnswer().then(() => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            });
          });
        },
      );
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

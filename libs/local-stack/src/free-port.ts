import { createServer, type AddressInfo } from 'node:net';

/** A TCP port nothing listens on right now (the kernel's pick), for tests that start servers of their own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

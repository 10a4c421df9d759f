/** Start a node:http server on a port (0 picks a free one) and hand back its port and a close. */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** `dropAll`: close every connection on close (a health server), not only idle ones. */
export async function listenOn(
  server: Server,
  port: number,
  host?: string,
  dropAll = false,
): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (dropAll) server.closeAllConnections();
        else server.closeIdleConnections();
      }),
  };
}

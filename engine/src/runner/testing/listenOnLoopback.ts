import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Test support: starts `server` on 127.0.0.1 (`port` 0: any free one) and gives its URL and a close
 * that also ends the connections clients keep alive (a test must not wait for them to time out).
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

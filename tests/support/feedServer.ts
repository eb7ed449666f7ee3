/*
 * A feed host that misbehaves on purpose, on 127.0.0.1 (with CORS, like scripts/serve.js):
 *  - /liar/…      : a release whose Content-Length claims 20 MB (the body is tiny and never ends);
 *  - /huge/…      : a 17 MB body sent without Content-Length (chunked), to be stopped by the client;
 *  - /slow/…      : the real release, sent in 40 pieces 60 ms apart (progress must show);
 * each under its own index.json, which is honest about the release (id, sha256, size).
 * `bytesSent` tells how much of each body actually left the server before the client hung up.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { Release, indexJson } from "./feedFixtures";

export const HUGE_BYTES = 17 * 1024 * 1024;

export interface MisbehavingFeed {
  readonly url: string;
  readonly bytesSent: Record<string, number>;
  close(): Promise<void>;
}

export async function startMisbehavingFeed(release: Release): Promise<MisbehavingFeed> {
  const bytesSent: Record<string, number> = { liar: 0, huge: 0, slow: 0 };
  const file = `${release.id}.dutytable`;
  const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
  const index = indexJson([{ release }]);

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const [, kind, name] = path.split("/");
    if (!kind || !(kind in bytesSent)) return void res.writeHead(404, cors).end();
    if (name === "index.json") return void res.writeHead(200, { ...cors, "Content-Type": "application/json" }).end(index);
    if (name !== file) return void res.writeHead(404, cors).end();
    if (kind === "liar") {
      res.writeHead(200, { ...cors, "Content-Type": "application/octet-stream", "Content-Length": String(20 * 1024 * 1024) });
      const head = release.bytes.subarray(0, 1024);
      res.write(head);
      bytesSent.liar! += head.length; // and never finish: the client must give up on the header alone
      return;
    }
    if (kind === "huge") {
      res.writeHead(200, { ...cors, "Content-Type": "application/octet-stream" }); // chunked, no length
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (bytesSent.huge! < HUGE_BYTES) {
          bytesSent.huge! += piece.length;
          if (!res.write(piece)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => undefined);
      return pump();
    }
    // slow: honest, but in pieces
    res.writeHead(200, { ...cors, "Content-Type": "application/octet-stream", "Content-Length": String(release.bytes.length) });
    const pieces = 40;
    const size = Math.ceil(release.bytes.length / pieces);
    let at = 0;
    const timer = setInterval(() => {
      const part = release.bytes.subarray(at, at + size);
      at += part.length;
      bytesSent.slow! += part.length;
      res.write(part);
      if (at >= release.bytes.length) {
        clearInterval(timer);
        res.end();
      }
    }, 60);
    res.on("close", () => clearInterval(timer));
  };

  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesSent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

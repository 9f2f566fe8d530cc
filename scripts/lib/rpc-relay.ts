/**
 * The second local endpoint of `npm start`: a minimal pass-through JSON-RPC server on another loopback port, in
 * front of the same anvil node. With it the default configuration has two sources and a quorum of two, so the
 * verifier's mechanism — both endpoints read at one block, their answers compared — runs on every local
 * verification. It is NOT an independent source (both read the same node): on a real network, list endpoints run by
 * different operators. Requests are forwarded as they are (POST bodies up to 10 MiB), with the CORS headers a
 * browser needs, as anvil sends them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const MAX_BODY = 10 * 1024 * 1024;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type",
};

export interface RpcRelay {
  url: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    request.on("error", reject);
  });
}

async function relay(upstream: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === "OPTIONS") {
    response.writeHead(204, CORS).end();
    return;
  }
  if (request.method !== "POST") {
    response.writeHead(405, { ...CORS, allow: "POST, OPTIONS" }).end();
    return;
  }
  const body = await readBody(request);
  if (body === undefined) {
    response.writeHead(413, CORS).end();
    return;
  }
  const answer = await fetch(upstream, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: new Uint8Array(body),
  });
  const text = await answer.text();
  response.writeHead(answer.status, { ...CORS, "content-type": "application/json" }).end(text);
}

/** Starts the relay on `host:port`, forwarding to `upstream`. */
export async function startRpcRelay(options: { host: string; port: number; upstream: string }): Promise<RpcRelay> {
  const server: Server = createServer((request, response) => {
    relay(options.upstream, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(502, CORS);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Serving published status lists over HTTP: `npm start` answers `GET /status-lists/<name>` from the local chain's
 * list folder (`<state>/status-lists/`, where `issue`, `revoke` and `status-list` write them), so the URLs the
 * local credentials carry resolve for any verifier. Read-only, names of letters, digits, `.`, `-` and `_` only.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { LOCAL_STATUS_LISTS } from "./status-lists.ts";

const PATH = new RegExp(`^/${LOCAL_STATUS_LISTS}/([A-Za-z0-9][A-Za-z0-9._-]{0,127})$`);

/** Answers a request for a list in `dir`; returns false (and answers nothing) for any other path. */
export function serveStatusList(dir: string, request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "").split("?")[0] ?? "";
  if (!path.startsWith(`/${LOCAL_STATUS_LISTS}/`)) return false;
  const headers = {
    "access-control-allow-origin": "*",
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  };
  const name = PATH.exec(path)?.[1];
  const file = name === undefined ? undefined : join(dir, name);
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { ...headers, allow: "GET, HEAD" }).end();
  } else if (file === undefined || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" }).end("no such status list\n");
  } else {
    const body = readFileSync(file);
    response.writeHead(200, {
      ...headers,
      "content-type": "application/vc+ld+json",
      "content-length": String(body.length),
    });
    response.end(request.method === "HEAD" ? undefined : body);
  }
  return true;
}

/** A server of the lists in `dir` alone, on `host:port` (0: any free port): `<url>status-lists/<name>`. */
export async function startStatusListServer(
  dir: string,
  host = "127.0.0.1",
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (!serveStatusList(dir, request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://${host}:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

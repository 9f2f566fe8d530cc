/**
 * A fault-injecting JSON-RPC proxy on 127.0.0.1 for CLI and core tests: forwards requests to a real node (an HTTP
 * URL, or an in-process EIP-1193 provider such as Hardhat's EDR network), except for the faults it is told to
 * inject (per method or for every request, a number of times or forever): HTTP 429 / 5xx, a reply that never comes
 * (timeout), a malformed reply, a wrong chain id, a dropped connection, a JSON-RPC error answer, a provider's cap on
 * `eth_getLogs` block ranges, or a lie (the node's real answer, rewritten). It counts what it saw, so tests can
 * assert that retries were bounded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FaultKind =
  | "http-429"
  | "http-500"
  | "http-503"
  | "timeout"
  | "malformed"
  | "wrong-chain"
  | "drop"
  /** A JSON-RPC error answer (`code`, `message`). */
  | "rpc-error"
  /** A JSON-RPC error answer to `eth_getLogs` spanning more than `maxBlocks` blocks, as capped providers do. */
  | "log-range"
  /** The node's real answer, passed through `rewrite` (a lying endpoint). */
  | "rewrite";

/** An in-process JSON-RPC node (EIP-1193), e.g. Hardhat's `connection.provider`. */
export interface Eip1193Upstream {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface Fault {
  kind: FaultKind;
  /** Only requests for this method (default: every method). */
  method?: string;
  /** Only requests whose params this accepts (default: any). */
  params?: (params: unknown) => boolean;
  /** "rewrite": the lie told instead of the node's `result` (errors pass through untouched). */
  rewrite?: (result: unknown, params: unknown) => unknown;
  /** How many matching requests to fault (default: all). */
  times?: number;
  /** "log-range": the most blocks one `eth_getLogs` may span. */
  maxBlocks?: number;
  /** "rpc-error" and "log-range": the JSON-RPC error code (default -32603 and -32005, "limit exceeded"). */
  code?: number;
  /** "rpc-error" and "log-range": the error message (default "internal error" and reth's wording). */
  message?: string;
}

export interface RpcProxy {
  url: string;
  /** Replaces the current faults. */
  inject(faults: Fault[]): void;
  /** Requests seen per method (faulted ones included). */
  seen(method: string): number;
  close(): Promise<void>;
}

interface ActiveFault extends Fault {
  remaining: number;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      resolve(body);
    });
    request.on("error", reject);
  });
}

/** The block number a `fromBlock`/`toBlock` of `eth_getLogs` stands for (tags: the upstream's latest block). */
async function blockOf(upstream: string, value: unknown): Promise<bigint> {
  if (typeof value === "string" && value.startsWith("0x")) return BigInt(value);
  if (value === "earliest") return 0n;
  const reply = await fetch(upstream, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber", params: [] }),
  });
  return BigInt(((await reply.json()) as { result: string }).result);
}

/** How many blocks an `eth_getLogs` request spans (undefined for a query by block hash). */
async function logSpan(upstream: string, params: unknown): Promise<bigint | undefined> {
  const filter = (Array.isArray(params) ? params[0] : undefined) as
    { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown } | undefined;
  if (filter?.blockHash !== undefined) return undefined;
  return (await blockOf(upstream, filter?.toBlock)) - (await blockOf(upstream, filter?.fromBlock)) + 1n;
}

function rpcError(response: ServerResponse, id: unknown, code: number, message: string): void {
  response
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } }));
}

/** Forwards one JSON-RPC request body to the upstream; returns its HTTP status and JSON text. */
async function forward(upstream: string | Eip1193Upstream, body: string): Promise<{ status: number; text: string }> {
  if (typeof upstream === "string") {
    const reply = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: reply.status, text: await reply.text() };
  }
  const answer = async (request: { id?: unknown; method?: string; params?: unknown[] }) => {
    try {
      const result = await upstream.request({ method: request.method ?? "", params: request.params ?? [] });
      return { jsonrpc: "2.0", id: request.id ?? null, result: result ?? null };
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown; data?: unknown };
      const code = typeof e.code === "number" ? e.code : -32603;
      const message = typeof e.message === "string" ? e.message : "internal error";
      return {
        jsonrpc: "2.0",
        id: request.id ?? null,
        error: { code, message, ...(e.data === undefined ? {} : { data: e.data }) },
      };
    }
  };
  const parsed = JSON.parse(body) as unknown;
  type Request = { id?: unknown; method?: string; params?: unknown[] };
  const reply = Array.isArray(parsed)
    ? await Promise.all((parsed as Request[]).map(answer))
    : await answer(parsed as Request);
  return { status: 200, text: JSON.stringify(reply) };
}

/** The node's answer with its `result` passed through `rewrite` (a JSON-RPC error answer is left as it is). */
function rewritten(text: string, params: unknown, rewrite: (result: unknown, params: unknown) => unknown): string {
  const reply = JSON.parse(text) as { result?: unknown; error?: unknown };
  if (reply.error !== undefined || !("result" in reply)) return text;
  return JSON.stringify({ ...reply, result: rewrite(reply.result, params) });
}

export async function startRpcProxy(upstream: string | Eip1193Upstream): Promise<RpcProxy> {
  let faults: ActiveFault[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    let method = "?";
    let id: unknown = null;
    let params: unknown;
    try {
      const parsed = JSON.parse(body) as { method?: string; id?: unknown; params?: unknown };
      method = parsed.method ?? "?";
      id = parsed.id ?? null;
      params = parsed.params;
    } catch {
      // forwarded as is
    }
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const span =
      method === "eth_getLogs" &&
      typeof upstream === "string" &&
      faults.some((f) => f.kind === "log-range" && f.remaining > 0)
        ? await logSpan(upstream, params)
        : undefined;
    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method === method) &&
        (f.params === undefined || f.params(params)) &&
        (f.kind !== "log-range" || (span !== undefined && span > BigInt(f.maxBlocks ?? 0))),
    );
    if (fault !== undefined) {
      fault.remaining--;
      switch (fault.kind) {
        case "http-429":
          response.writeHead(429, { "content-type": "text/plain", "retry-after": "0" }).end("Too Many Requests");
          return;
        case "http-500":
        case "http-503":
          response
            .writeHead(fault.kind === "http-500" ? 500 : 503, { "content-type": "text/plain" })
            .end("upstream error");
          return;
        case "timeout":
          hanging.add(response);
          return;
        case "malformed":
          response.writeHead(200, { "content-type": "application/json" }).end('{"jsonrpc":"2.0","result":');
          return;
        case "drop":
          request.socket.destroy();
          return;
        case "rpc-error":
          rpcError(response, id, fault.code ?? -32603, fault.message ?? "internal error");
          return;
        case "log-range":
          rpcError(
            response,
            id,
            fault.code ?? -32005,
            fault.message ?? `query exceeds max block range ${String(fault.maxBlocks ?? 0)}`,
          );
          return;
        case "wrong-chain":
          if (method === "eth_chainId") {
            response
              .writeHead(200, { "content-type": "application/json" })
              .end(JSON.stringify({ jsonrpc: "2.0", id, result: "0x1" }));
            return;
          }
          break;
        case "rewrite":
          break;
      }
    }
    const { status, text } = await forward(upstream, body);
    const lie = fault?.kind === "rewrite" ? fault.rewrite : undefined;
    response
      .writeHead(status, { "content-type": "application/json" })
      .end(lie === undefined || status !== 200 ? text : rewritten(text, params, lie));
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(list) {
      faults = list.map((f) => ({ ...f, remaining: f.times ?? Number.POSITIVE_INFINITY }));
    },
    seen(method) {
      return counts.get(method) ?? 0;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

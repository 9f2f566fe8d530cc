/**
 * Reading a contract's events over many blocks from providers that cap `eth_getLogs`.
 *
 * Public JSON-RPC providers refuse log queries whose block range (or result count) is too large, each with its
 * own limit and wording. {@link getContractEventsPaged} asks for a generous range first (one request on a local
 * chain or a permissive provider), and halves the range whenever the provider refuses it as too large.
 */
import type { Abi, Client, ContractEventName, GetContractEventsParameters, GetContractEventsReturnType } from "viem";
import { getBlockNumber, getContractEvents } from "viem/actions";

/**
 * How providers word "this log query is too large" (matched against the provider's own error message; the
 * JSON-RPC codes vary: -32005, -32602, -32600, -32000, or an HTTP 400 with a JSON body):
 * "query exceeds max block range 5" (reth), "exceed maximum block range: 5000", "block range is too wide",
 * "Block range limit exceeded", "'fromBlock'-'toBlock' range too large" (Cloudflare), "query returned more than
 * 10000 results" (geth, Infura), "limit exceeded", "Log response size exceeded" (Alchemy), "eth_getLogs is
 * limited to a 10,000 range" (QuickNode), "ranges over 10000 blocks are not supported" (dRPC), "Requested range
 * exceeds maximum range limit" (Besu). Rate limits ("rate limit exceeded") are not range refusals.
 */
const RANGE_REFUSALS: readonly RegExp[] = [
  /block range|range (is )?too (large|wide|big)|exceeds? (the )?max(imum)? (block )?range/i,
  /more than [\d,]+ (results|logs)|response size|(?<!rate )limit exceeded/i,
  /limited to a [\d,]+ (block )?range|ranges? over [\d,]+ blocks/i,
];

/** Whether `error` (or one of its causes) is a provider refusing a log query as too large. */
export function isLogRangeRefusal(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    // viem's errors keep the provider's message in `details` (their `message` also quotes the request).
    const text = "details" in e && typeof e.details === "string" ? e.details : e.message;
    if (RANGE_REFUSALS.some((pattern) => pattern.test(text))) return true;
  }
  return false;
}

export type GetContractEventsPagedParameters<
  abi extends Abi,
  eventName extends ContractEventName<abi> | undefined,
> = Pick<GetContractEventsParameters<abi, eventName, true>, "address" | "abi" | "eventName" | "args"> & {
  fromBlock: bigint;
  /** The last block to read (default: the current block number, read once). */
  toBlock?: bigint;
  /** Blocks per request to start with (default 50,000); halved on each refusal, down to one block. */
  chunkSize?: bigint;
};

/**
 * viem's `getContractEvents` (strict) from `fromBlock` to `toBlock`, in consecutive block ranges: when the
 * provider refuses a range as too large ({@link isLogRangeRefusal}), the range is halved and that part asked
 * again, and later ranges keep the smaller size. A refusal of a single block, and any other error, is rethrown
 * as is. The events come back in chain order (block number, then log index).
 */
export async function getContractEventsPaged<
  const abi extends Abi,
  eventName extends ContractEventName<abi> | undefined = undefined,
>(
  client: Client,
  { fromBlock, toBlock, chunkSize = 50_000n, ...filter }: GetContractEventsPagedParameters<abi, eventName>,
): Promise<GetContractEventsReturnType<abi, eventName, true, bigint, bigint>> {
  const last = toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
  const logs: GetContractEventsReturnType<abi, eventName, true, bigint, bigint> = [];
  let size = chunkSize > 0n ? chunkSize : 1n;
  for (let from = fromBlock; from <= last;) {
    const to = from + size - 1n < last ? from + size - 1n : last;
    try {
      const chunk = await getContractEvents(client, { ...filter, fromBlock: from, toBlock: to, strict: true });
      for (const log of chunk) logs.push(log);
      from = to + 1n;
    } catch (error) {
      if (to === from || !isLogRangeRefusal(error)) throw error;
      size = (to - from + 1n) / 2n;
    }
  }
  return logs.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}

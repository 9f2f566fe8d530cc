/**
 * Costs as people read them: the amount in the chain's native currency with its symbol, the gas and the gas
 * price in gwei — "0.000063 ETH (21,000 gas at 3.0 gwei)". The currency is the chain's `nativeCurrency` as viem
 * defines it: the chains an institution is likely to use are listed here; any other chain id is looked up in
 * viem's chain list, loaded only then (it is large); a chain viem does not know is shown in ETH, the unit of
 * Ethereum clients' own chains (anvil, Hardhat, Besu and geth networks).
 */
import { formatUnits } from "viem";

export interface NativeCurrency {
  symbol: string;
  decimals: number;
}

const ETH: NativeCurrency = { symbol: "ETH", decimals: 18 };
const POL: NativeCurrency = { symbol: "POL", decimals: 18 };

/** Chains whose currency is known without loading viem's list. */
const KNOWN: ReadonlyMap<number, NativeCurrency> = new Map([
  [1, ETH], // Ethereum
  [11155111, ETH], // Sepolia
  [17000, ETH], // Holešky
  [560048, ETH], // Hoodi
  [31337, ETH], // anvil, Hardhat (the local chain of `npm start`)
  [1337, ETH], // geth, Besu development networks
  [10, ETH], // OP Mainnet
  [8453, ETH], // Base
  [84532, ETH], // Base Sepolia
  [42161, ETH], // Arbitrum One
  [421614, ETH], // Arbitrum Sepolia
  [137, POL], // Polygon PoS
  [80002, POL], // Polygon Amoy
  [100, { symbol: "XDAI", decimals: 18 }], // Gnosis
]);

const cache = new Map<number, NativeCurrency>();

/** The native currency of chain `chainId` (see the module comment). */
export async function nativeCurrencyOf(chainId: number): Promise<NativeCurrency> {
  const known = KNOWN.get(chainId) ?? cache.get(chainId);
  if (known !== undefined) return known;
  let found: NativeCurrency = ETH;
  try {
    const chains = (await import("viem/chains")) as unknown as Record<string, unknown>;
    for (const chain of Object.values(chains)) {
      const candidate = chain as { id?: unknown; nativeCurrency?: { symbol?: unknown; decimals?: unknown } };
      const { symbol, decimals } = candidate.nativeCurrency ?? {};
      if (candidate.id === chainId && typeof symbol === "string" && typeof decimals === "number") {
        found = { symbol, decimals };
        break;
      }
    }
  } catch {
    // Without the list, the default unit.
  }
  cache.set(chainId, found);
  return found;
}

const GWEI = 1_000_000_000n;

/** "3.0 gwei", "0.25 gwei", "1.875 gwei", "0 gwei". */
export function formatGasPrice(wei: bigint): string {
  if (wei === 0n) return "0 gwei";
  const gwei = Number(wei) / Number(GWEI);
  const text =
    gwei >= 1
      ? gwei.toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 3 })
      : gwei.toLocaleString("en", { maximumSignificantDigits: 3 });
  return `${text} gwei`;
}

/** "0.000063 ETH", "1.2345 ETH", "0 ETH": two significant digits below 1, four decimals above. */
export function formatAmount(wei: bigint, currency: NativeCurrency): string {
  if (wei === 0n) return `0 ${currency.symbol}`;
  const value = Number(formatUnits(wei, currency.decimals));
  const text =
    value >= 1
      ? value.toLocaleString("en", { maximumFractionDigits: 4 })
      : value.toLocaleString("en", { maximumSignificantDigits: 2 });
  return `${text} ${currency.symbol}`;
}

/**
 * "0.000063 ETH (21,000 gas at 3.0 gwei)"; with `priceLabel` the price is named, "(… at 3.0 gwei max fee)".
 */
export function formatCost(gas: bigint, gasPrice: bigint, currency: NativeCurrency, priceLabel = ""): string {
  const label = priceLabel === "" ? "" : ` ${priceLabel}`;
  return `${formatAmount(gas * gasPrice, currency)} (${gas.toLocaleString("en")} gas at ${formatGasPrice(gasPrice)}${label})`;
}

/**
 * Test build only (VITE_ACREDITA_TEST_WALLET set at build time; never in a production build, where this module is
 * not even emitted): wagmi's mock connector stands in for a wallet. Each listed address is one "wallet"; the local
 * node signs for its unlocked development accounts. One more wallet refuses every transaction (a user pressing
 * "Reject"), and a second chain exists so the end-to-end tests can put a wallet on the wrong chain.
 */
import { defineChain, getAddress, isAddress, UserRejectedRequestError, type Address, type Chain } from "viem";
import { createConnector, type CreateConnectorFn } from "wagmi";
import { mock } from "wagmi/connectors";

const WRONG_CHAIN_ID = 31_338;

function wrongChain(): Chain {
  return defineChain({
    id: WRONG_CHAIN_ID,
    name: "Another chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: ["http://127.0.0.1:1"] } },
  });
}

type Kind = "normal" | "rejects" | "wrong-chain";

function testWallet(address: Address, index: number, kind: Kind): CreateConnectorFn {
  const base = mock({ accounts: [address], features: { defaultConnected: false } });
  const rejects = kind === "rejects";
  return createConnector((config) => {
    const connector = base(config);
    return {
      ...connector,
      id: `test-${kind}-${String(index)}`,
      name: kind === "normal" ? `Test wallet ${address}` : `Test wallet ${address} (${kind})`,
      connect: function (this: typeof connector, parameters?: Parameters<typeof connector.connect>[0]) {
        const onWrongChain = kind === "wrong-chain" ? { chainId: WRONG_CHAIN_ID } : {};
        return connector.connect.call(this, { ...parameters, ...onWrongChain });
      } as typeof connector.connect,
      async getProvider(parameters?: { chainId?: number }) {
        const provider = (await connector.getProvider(parameters)) as {
          request: (args: { method: string; params?: unknown }) => Promise<unknown>;
        };
        if (!rejects) return provider;
        return {
          ...provider,
          request: (args: { method: string; params?: unknown }) =>
            args.method === "eth_sendTransaction"
              ? Promise.reject(new UserRejectedRequestError(new Error("The user rejected the request.")))
              : provider.request(args),
        };
      },
    };
  });
}

/** The test wallets listed in `list` (comma-separated addresses); the first also gets a twin that rejects
 * every transaction and one that connects on the wrong chain. */
export function testWalletSetup(list: string): { connectors: CreateConnectorFn[]; chains: Chain[] } {
  const addresses = list
    .split(",")
    .map((a) => a.trim())
    .filter((a) => isAddress(a))
    .map((a) => getAddress(a));
  const [first] = addresses;
  const connectors = [
    ...addresses.map((a, i) => testWallet(a, i, "normal")),
    ...(first === undefined ? [] : [testWallet(first, 0, "rejects"), testWallet(first, 0, "wrong-chain")]),
  ];
  return { connectors, chains: [wrongChain()] };
}

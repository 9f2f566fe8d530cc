/**
 * A wallet's refusal in the reader's language: wagmi's and EIP-1193's errors (English, technical: "Provider not
 * found.") mapped to the console's sentences by their name or code, looked for along the error's causes.
 */
import type { ConsoleKey } from "./console-messages.ts";

const BY_NAME: Readonly<Record<string, ConsoleKey>> = {
  ProviderNotFoundError: "wallet.error.notFound",
  ConnectorNotFoundError: "wallet.error.notFound",
  UserRejectedRequestError: "wallet.error.rejected",
  ResourceUnavailableRpcError: "wallet.error.pending",
  ConnectorAlreadyConnectedError: "wallet.error.alreadyConnected",
  ChainNotConfiguredError: "wallet.error.chain",
  SwitchChainNotSupportedError: "wallet.error.noSwitch",
};

/** EIP-1193 provider error codes: 4001 user rejected, 4100 unauthorized; JSON-RPC -32002 request already pending. */
const BY_CODE: Readonly<Record<number, ConsoleKey>> = {
  4001: "wallet.error.rejected",
  4100: "wallet.error.locked",
  [-32002]: "wallet.error.pending",
};

/** The console's sentence for a wallet error, or undefined when it is none the console knows. */
export function walletErrorKey(error: unknown): ConsoleKey | undefined {
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    const { name, code, cause } = e as { name?: unknown; code?: unknown; cause?: unknown };
    if (typeof name === "string" && Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
    if (typeof code === "number" && Object.hasOwn(BY_CODE, code)) return BY_CODE[code];
    e = cause;
  }
  return undefined;
}

/**
 * Whether this browser has a wallet: an injected EIP-1193 provider (`window.ethereum`) or one announced through
 * EIP-6963 (wagmi lists those as injected connectors with their own id).
 */
export function hasBrowserWallet(connectors: readonly { id: string; type: string }[]): boolean {
  const injected = (globalThis as { ethereum?: unknown }).ethereum;
  return injected !== undefined || connectors.some((c) => c.type === "injected" && c.id !== "injected");
}

import { ResourceUnavailableRpcError, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { ChainNotConfiguredError, ProviderNotFoundError } from "wagmi";
import { formatMessage } from "../../i18n/icu.ts";
import { INTL_LOCALE } from "../../i18n/languages.ts";
import { consoleMessages } from "./console-messages.ts";
import { hasBrowserWallet, walletErrorKey } from "./wallet-errors.ts";

describe("wallet errors", () => {
  it("names wagmi's and the wallet's own errors, also when wrapped", () => {
    expect(walletErrorKey(new ProviderNotFoundError())).toBe("wallet.error.notFound");
    expect(walletErrorKey(new UserRejectedRequestError(new Error("User rejected.")))).toBe("wallet.error.rejected");
    expect(walletErrorKey(new ResourceUnavailableRpcError(new Error("busy")))).toBe("wallet.error.pending");
    expect(walletErrorKey(new ChainNotConfiguredError())).toBe("wallet.error.chain");
    expect(walletErrorKey(new Error("outer", { cause: { code: 4001, message: "User denied" } }))).toBe(
      "wallet.error.rejected",
    );
    expect(walletErrorKey(new Error("something else"))).toBeUndefined();
  });

  it("says 'Provider not found' as a sentence in each language", () => {
    const key = walletErrorKey(new ProviderNotFoundError());
    expect(key).toBeDefined();
    const said = (["en", "es", "pt-BR"] as const).map((language) =>
      formatMessage(consoleMessages[language][key ?? "connect.failed"], INTL_LOCALE[language]),
    );
    expect(said[0]).toMatch(/^No wallet answered\./);
    expect(said[1]).toMatch(/^Ninguna billetera respondió\./);
    expect(said[2]).toMatch(/^Nenhuma carteira respondeu\./);
    for (const sentence of said) expect(sentence).not.toMatch(/Provider not found/);
  });

  it("finds a wallet only when one is injected or announced", () => {
    expect(
      hasBrowserWallet([
        { id: "injected", type: "injected" },
        { id: "test-normal-0", type: "mock" },
      ]),
    ).toBe(false);
    expect(
      hasBrowserWallet([
        { id: "injected", type: "injected" },
        { id: "io.metamask", type: "injected" },
      ]),
    ).toBe(true);
  });
});

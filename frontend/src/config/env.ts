import { getAddress, isAddress } from "viem";
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// zod's small build, with the English messages its classic API sets by default (as core/schema.ts does).
z.config(en());

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

/**
 * A registry the verifier trusts. Trust comes from this configuration, never from a credential. Its RPC endpoints
 * are the sources verification reads (core/sources.ts): every one is asked, at the same block, and `quorum` of them
 * (default 2 with two or more) must answer alike. `rpcUrl` (one endpoint) is the single-URL form of `rpcUrls`.
 */
export const trustedRegistrySchema = z.pipe(
  z
    .object({
      chainId: z.number().check(z.int(), z.positive()),
      address: z.pipe(
        z.string().check(z.refine(isAddress, "not an EVM address")),
        z.transform((a: string) => getAddress(a)),
      ),
      name: z.string().check(z.minLength(1)),
      /** Independent JSON-RPC endpoints of the registry's chain; the Content-Security-Policy allows only these. */
      rpcUrls: z.optional(z.array(httpUrl).check(z.minLength(1))),
      /** One endpoint: the same as `rpcUrls: [rpcUrl]`. */
      rpcUrl: z.optional(httpUrl),
      /** How many endpoints must answer, all agreeing, for a verdict from the chain. */
      quorum: z.optional(z.number().check(z.int(), z.positive())),
      /** The block verification reads: "safe" (default), "finalized" or "latest". */
      blockTag: z.optional(z.enum(["safe", "finalized", "latest"])),
      /** Blocks below the latest read with "latest", or where a node lacks the tag. */
      confirmations: z.optional(z.number().check(z.int(), z.nonnegative())),
      /** A block explorer for transaction links; links are only ever https. */
      explorerUrl: z.optional(z.url({ protocol: /^https$/, error: "the explorer must be an https URL" })),
      /** The block the registry was deployed in: where the registry explorer starts reading events. */
      deploymentBlock: z.optional(z.number().check(z.int(), z.nonnegative())),
      /**
       * Where the institutions of this registry publish their status lists (URL prefixes ending in "/"): a
       * credential's published list under one of them is fetched and compared with the registry (the CSP allows
       * only these).
       */
      statusLists: z.optional(
        z.array(
          httpUrl.check(
            z.refine((url) => url.endsWith("/") && !/[?#]/.test(url), "a status list prefix ends in / (no ? or #)"),
          ),
        ),
      ),
    })
    .check(
      z.superRefine((registry, context) => {
        const count = registry.rpcUrls?.length ?? (registry.rpcUrl === undefined ? 0 : 1);
        if (count === 0) context.addIssue({ code: "custom", message: "list the registry's RPC endpoints in rpcUrls" });
        if (registry.rpcUrls !== undefined && registry.rpcUrl !== undefined) {
          context.addIssue({ code: "custom", message: "give rpcUrls or rpcUrl, not both" });
        }
        if (registry.quorum !== undefined && count > 0 && registry.quorum > count) {
          context.addIssue({
            code: "custom",
            path: ["quorum"],
            message: `the quorum (${String(registry.quorum)}) is more than the ${String(count)} RPC endpoint(s) listed`,
          });
        }
      }),
    ),
  z.transform(({ rpcUrl, rpcUrls, ...rest }) => ({
    ...rest,
    rpcUrls: rpcUrls ?? (rpcUrl === undefined ? [] : [rpcUrl]),
  })),
);

export type TrustedRegistry = z.infer<typeof trustedRegistrySchema>;

const registriesSchema = z
  .array(trustedRegistrySchema)
  .check(z.minLength(1, "configure at least one trusted registry"));

/**
 * Parses the build-time configuration (`VITE_ACREDITA_REGISTRIES`, a JSON array of trusted registries).
 * Throws with every problem listed, so a misconfigured build fails at start-up rather than verifying wrongly.
 */
export function parseRegistries(raw: string | undefined): TrustedRegistry[] {
  if (raw === undefined || raw.trim() === "") {
    throw new Error("VITE_ACREDITA_REGISTRIES is not set: run the app through `npm start` or set it at build time.");
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error("VITE_ACREDITA_REGISTRIES is not valid JSON.");
  }
  const parsed = registriesSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`VITE_ACREDITA_REGISTRIES is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The registry a credential names, if this verifier trusts it (addresses compared case-insensitively). */
export function findTrustedRegistry(
  registries: readonly TrustedRegistry[],
  chainId: number,
  address: string,
): TrustedRegistry | undefined {
  return registries.find((r) => r.chainId === chainId && r.address.toLowerCase() === address.toLowerCase());
}

/**
 * The write-ahead journal of one issued batch, `<out>/.acredita/journal.json`. It is written durably (fsync,
 * then an atomic rename) before every step that cannot be taken back: before the signed transaction is
 * broadcast, after the anchor is confirmed, after the outputs are complete. It holds the seed from which the
 * batch's salts and credential ids are derived, so a rerun rebuilds exactly the same batch (same root) instead of
 * anchoring a second one; the file is therefore readable by its owner only.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CliError } from "./cli-error.ts";
import { writeAtomic } from "./files.ts";
import type { TxRecord } from "./tx-sender.ts";

/**
 * v2: the issuer identity the batch was built with (registry v2 records issuer identities). v3: `signedAt`, the
 * `created` time of the credentials' Data Integrity proofs (Ed25519 signatures are deterministic, so a rerun
 * signs to the same bytes and rebuilds the same root).
 */
export const JOURNAL_FORMAT = "acredita/issue-journal/v3";

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const attemptSchema = z.object({
  nonce: z.number().int().nonnegative(),
  hash: hex,
  raw: hex,
  gas: z.string(),
  maxFeePerGas: z.string(),
  maxPriorityFeePerGas: z.string(),
  signedAt: z.string(),
});

const journalSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  fingerprint: z.string(),
  seed: hex,
  validFrom: z.string(),
  validUntil: z.string().optional(),
  signedAt: z.string(),
  chainId: z.number().int(),
  registry: hex,
  institutionId: z.number().int(),
  /**
   * The issuer the credentials carry, as the registry held it when the batch was prepared, and that identity's
   * version: a rerun rebuilds the batch with it, and the anchor must record the same identity.
   */
  issuer: z.object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    website: z.string().optional(),
  }),
  identityVersion: z.number().int(),
  signer: hex,
  batchRoot: hex,
  count: z.number().int(),
  stage: z.enum(["prepared", "anchored", "complete"]),
  tx: z.object({
    attempts: z.array(attemptSchema),
    nonceTaken: z.boolean().optional(),
    abandoned: z.array(attemptSchema).optional(),
  }),
  anchor: z
    .object({
      transactionHash: hex.optional(),
      blockNumber: z.string().optional(),
      gasUsed: z.string().optional(),
      effectiveGasPrice: z.string().optional(),
      anchoredAt: z.number().int(),
    })
    .optional(),
  completedAt: z.string().optional(),
});

export type Journal = z.infer<typeof journalSchema> & { tx: TxRecord };

export function journalPath(outDir: string): string {
  return join(outDir, ".acredita", "journal.json");
}

export function readJournal(outDir: string): Journal | undefined {
  const file = journalPath(outDir);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`the journal ${file} is damaged (not JSON)`, {
      hint: "It is written atomically, so this should not happen: restore it from a backup, or inspect it by hand.",
    });
  }
  const parsed = journalSchema.safeParse(value);
  if (!parsed.success) {
    const format = (value as { format?: unknown } | null)?.format;
    throw new CliError(`the journal ${file} is not a journal this version understands`, {
      ...(format === "acredita/issue-journal/v1"
        ? {
            hint: "It was written for the first registry version: finish it with that Acredita, or issue into a new --out.",
          }
        : {}),
    });
  }
  return parsed.data as Journal;
}

export function writeJournal(outDir: string, journal: Journal): void {
  mkdirSync(join(outDir, ".acredita"), { recursive: true, mode: 0o700 });
  writeAtomic(journalPath(outDir), `${JSON.stringify(journal, null, 2)}\n`, { durable: true, mode: 0o600 });
}

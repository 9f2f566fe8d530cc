/**
 * Sends one transaction so that it is never lost and never doubled. The caller keeps a {@link TxRecord} in its
 * write-ahead journal; `persist` must make it durable before this returns from the step that changed it.
 *
 *   simulate (eth_call) → estimate gas and fees → check funds → sign → RECORD (nonce, raw tx, fees)
 *   → broadcast → wait for a receipt, bumping fees within a cap if it lingers → wait for confirmations.
 *
 * A rerun after a crash finds the record and resumes: a receipt for any recorded attempt means done; the effect
 * already on chain (`isDone`) means done; a recorded attempt the node still holds, pending, is waited for (never
 * sent again: some nodes refuse a repeat, "transaction already imported"); otherwise the latest signed attempt is
 * broadcast again, so a second, different transaction is never signed for the same work while the first can
 * still be mined. If the nonce was consumed by a transaction that is not ours, another sender uses this key:
 * stop with instructions; the next run signs afresh (our old transaction can no longer be mined).
 */
import {
  type Address,
  formatGwei,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
} from "viem";
import type { LocalAccount } from "viem/accounts";
import { CliError, findCliError, messageOf } from "./cli-error.ts";
import { insufficientFunds } from "./contract-errors.ts";
import { nativeCurrencyOf } from "./costs.ts";
import { crashPoint } from "./crash.ts";
import { currentFees, type FeeStrategy, type TxType } from "./gas-price.ts";
import { note } from "./output.ts";
import { RpcAnswerError } from "./rpc.ts";

/** One signed transaction, recorded before it is broadcast. */
export interface Attempt {
  nonce: number;
  hash: Hex;
  raw: Hex;
  gas: string;
  maxFeePerGas: string;
  maxPriorityFeePerGas: string;
  /** A legacy transaction (its gas price is in both fee fields); absent: EIP-1559. */
  type?: "legacy";
  signedAt: string;
}

/** The part of a journal that tracks one transaction. */
export interface TxRecord {
  attempts: Attempt[];
  /** Set when the nonce was found consumed by a transaction that is not ours (see the module comment). */
  nonceTaken?: boolean;
  /** Attempts abandoned after a nonce was taken (kept for the record). */
  abandoned?: Attempt[];
}

export interface SendParams {
  client: PublicClient;
  account: LocalAccount;
  chainId: number;
  to: Address;
  data: Hex;
  /** What the transaction does, for messages ("anchoring the batch"). */
  what: string;
  record: TxRecord;
  /** Makes `record` durable (a no-op for commands without a journal). */
  persist: () => void;
  /** Whether the transaction's effect is already on chain (then nothing is sent). */
  isDone?: () => Promise<boolean>;
  confirmations: number;
  /** Re-sign with higher fees when no receipt came within this many milliseconds. */
  bumpAfterMs: number;
  /** The highest maxFeePerGas a bump may reach (wei); default 3× the first estimate (a fixed price: no bump). */
  maxFeeCap?: bigint;
  /** Legacy or EIP-1559, estimated or fixed (default: EIP-1559 where the chain has a base fee, estimated). */
  fees?: FeeStrategy;
  /** Stop waiting (and leave the journal for a rerun) after this many milliseconds. */
  waitTimeoutMs: number;
  pollMs: number;
}

export interface SendResult {
  hash: Hex | undefined;
  receipt: TransactionReceipt | undefined;
  /** The effect was already on chain: nothing was sent by this run. */
  alreadyDone: boolean;
  /** Fee bumps made by this run. */
  bumps: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function receiptOf(client: PublicClient, hash: Hex): Promise<TransactionReceipt | undefined> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}

/** Whether the node knows the transaction `hash` (pending in its pool, or mined). */
async function known(client: PublicClient, hash: Hex): Promise<boolean> {
  try {
    await client.getTransaction({ hash });
    return true;
  } catch (error) {
    if (error instanceof TransactionNotFoundError) return false;
    throw error;
  }
}

async function broadcast(params: SendParams, attempt: Attempt): Promise<void> {
  try {
    await params.client.sendRawTransaction({ serializedTransaction: attempt.raw });
  } catch (error) {
    const transportFailure = findCliError(error);
    if (transportFailure !== undefined) throw transportFailure;
    const cause =
      error instanceof Error
        ? ((error as { walk?: (fn: (e: unknown) => boolean) => unknown }).walk?.((e) => e instanceof RpcAnswerError) ??
          error)
        : error;
    const text = cause instanceof Error ? cause.message : messageOf(error);
    // A repeat of a transaction the node already has, or one already mined, or a replacement not yet accepted:
    // the wait below finds out which.
    if (
      /already known|already imported|known transaction|alreadyknown|nonce too low|nonce has already been used|underpriced|replacement/i.test(
        text,
      )
    )
      return;
    if (/insufficient funds/i.test(text)) throw insufficientFunds(params.what);
    if (error instanceof CliError) throw error;
    throw new CliError(`the node refused the transaction for ${params.what}: ${text.split("\n")[0] ?? text}`);
  }
}

async function sign(
  params: SendParams,
  nonce: number,
  gas: bigint,
  maxFeePerGas: bigint,
  maxPriorityFeePerGas: bigint,
  type: TxType,
): Promise<Attempt> {
  const common = { chainId: params.chainId, nonce, to: params.to, data: params.data, gas, value: 0n };
  const raw = await params.account.signTransaction(
    type === "legacy"
      ? { ...common, type: "legacy", gasPrice: maxFeePerGas }
      : { ...common, type: "eip1559", maxFeePerGas, maxPriorityFeePerGas },
  );
  const { keccak256 } = await import("viem");
  return {
    nonce,
    hash: keccak256(raw),
    raw,
    gas: gas.toString(),
    maxFeePerGas: maxFeePerGas.toString(),
    maxPriorityFeePerGas: maxPriorityFeePerGas.toString(),
    ...(type === "legacy" ? { type } : {}),
    signedAt: new Date().toISOString(),
  };
}

async function confirm(params: SendParams, receipt: TransactionReceipt): Promise<void> {
  if (receipt.status !== "success") {
    throw new CliError(
      `the transaction ${receipt.transactionHash} for ${params.what} was mined but reverted (block ${receipt.blockNumber})`,
      {
        hint: "Run the same command again: it checks the chain before sending anything new.",
      },
    );
  }
  if (params.confirmations <= 1) return;
  note(`  Included in block ${receipt.blockNumber}; waiting for ${params.confirmations} confirmations…`);
  const deadline = Date.now() + params.waitTimeoutMs;
  for (;;) {
    const head = await params.client.getBlockNumber({ cacheTime: 0 });
    if (head - receipt.blockNumber + 1n >= BigInt(params.confirmations)) return;
    if (Date.now() > deadline) {
      throw new CliError(
        `the transaction ${receipt.transactionHash} has ${head - receipt.blockNumber + 1n} of ${params.confirmations} confirmations`,
        {
          hint: "Run the same command again later to finish: nothing will be sent twice.",
        },
      );
    }
    await sleep(params.pollMs);
  }
}

/** Sends (or resumes) the transaction described by `params`; see the module comment. */
export async function sendOnce(params: SendParams): Promise<SendResult> {
  const { client, account, record } = params;
  if (record.nonceTaken === true) {
    record.abandoned = [...(record.abandoned ?? []), ...record.attempts];
    record.attempts = [];
    record.nonceTaken = false;
    params.persist();
    note("  The earlier transaction's nonce was used by another sender; signing a new transaction.");
  }
  // Resume: a receipt for any recorded attempt, or the effect already on chain, means there is nothing to send.
  for (const attempt of [...record.attempts].reverse()) {
    const receipt = await receiptOf(client, attempt.hash);
    if (receipt !== undefined) {
      await confirm(params, receipt);
      return { hash: attempt.hash, receipt, alreadyDone: false, bumps: 0 };
    }
  }
  if ((await params.isDone?.()) === true) return { hash: undefined, receipt: undefined, alreadyDone: true, bumps: 0 };

  let latest = record.attempts.at(-1);
  if (latest === undefined) {
    const [nonce, fees, gasEstimate, balance] = await Promise.all([
      client.getTransactionCount({ address: account.address, blockTag: "pending" }),
      currentFees(client, params.fees),
      client.estimateGas({ account: account.address, to: params.to, data: params.data }),
      client.getBalance({ address: account.address }),
    ]);
    const gas = (gasEstimate * 125n) / 100n;
    const needed = gas * fees.maxFeePerGas;
    if (balance < needed) {
      const currency = await nativeCurrencyOf(params.chainId);
      throw insufficientFunds(params.what, {
        account: account.address,
        balance,
        gas,
        maxFeePerGas: fees.maxFeePerGas,
        currency,
      });
    }
    latest = await sign(params, nonce, gas, fees.maxFeePerGas, fees.maxPriorityFeePerGas, fees.type);
    record.attempts.push(latest);
    params.persist();
    crashPoint("tx-recorded");
  } else {
    const onChainNonce = await client.getTransactionCount({ address: account.address, blockTag: "latest" });
    if (onChainNonce > latest.nonce) return nonceTaken(params, latest);
    // A rerun while a recorded transaction is still pending: wait for it rather than send it again.
    for (const attempt of [...record.attempts].reverse()) {
      if (await known(client, attempt.hash)) {
        note(`  The transaction for ${params.what} is still pending (${attempt.hash}); waiting for it.`);
        return wait(params, latest);
      }
    }
  }
  await broadcast(params, latest);
  crashPoint("tx-broadcast");
  return wait(params, latest);
}

async function nonceTaken(params: SendParams, attempt: Attempt): Promise<SendResult> {
  // One more look, in case a receipt raced the nonce check.
  for (const a of params.record.attempts) {
    const receipt = await receiptOf(params.client, a.hash);
    if (receipt !== undefined) {
      await confirm(params, receipt);
      return { hash: a.hash, receipt, alreadyDone: false, bumps: 0 };
    }
  }
  if ((await params.isDone?.()) === true) return { hash: undefined, receipt: undefined, alreadyDone: true, bumps: 0 };
  params.record.nonceTaken = true;
  params.persist();
  throw new CliError(
    `nonce ${attempt.nonce} of ${params.account.address} was used by another transaction, not the one this command signed for ${params.what}; nothing was sent twice`,
    {
      hint: "Another program or person is sending with this key. Make sure nothing else uses it, then run the same command again: it will sign a new transaction with the next nonce.",
      exitCode: 3,
    },
  );
}

async function wait(params: SendParams, first: Attempt): Promise<SendResult> {
  const { client, record } = params;
  const started = Date.now();
  let lastSent = Date.now();
  let bumps = 0;
  const fixed = params.fees?.gasPrice !== undefined;
  const cap = params.maxFeeCap ?? BigInt(first.maxFeePerGas) * (fixed ? 1n : 3n);
  let warnedCap = false;
  for (;;) {
    for (const attempt of [...record.attempts].reverse()) {
      const receipt = await receiptOf(client, attempt.hash);
      if (receipt !== undefined) {
        await confirm(params, receipt);
        return { hash: attempt.hash, receipt, alreadyDone: false, bumps };
      }
    }
    const latest = record.attempts.at(-1) ?? first;
    const onChainNonce = await client.getTransactionCount({ address: params.account.address, blockTag: "latest" });
    if (onChainNonce > latest.nonce) return nonceTaken(params, latest);
    if (Date.now() - started > params.waitTimeoutMs) {
      throw new CliError(
        `no receipt yet for ${params.what} (transaction ${latest.hash}) after ${Math.round(params.waitTimeoutMs / 1000)} s`,
        {
          hint: "The transaction is recorded. Run the same command again later: it keeps waiting for it (and never signs a second one while it can still be mined).",
          exitCode: 4,
        },
      );
    }
    if (Date.now() - lastSent > params.bumpAfterMs) {
      const previousMax = BigInt(latest.maxFeePerGas);
      const previousTip = BigInt(latest.maxPriorityFeePerGas);
      const type = latest.type ?? "eip1559";
      const fees = await currentFees(client, { type, gasPrice: params.fees?.gasPrice });
      // Nodes accept a replacement paying at least 10% more on both fees; 12.5% leaves room for rounding.
      let maxFee = [(previousMax * 1125n) / 1000n + 1n, fees.maxFeePerGas].reduce((a, b) => (a > b ? a : b));
      if (maxFee > cap) maxFee = cap;
      const tip =
        type === "legacy"
          ? maxFee
          : [(previousTip * 1125n) / 1000n + 1n, fees.maxPriorityFeePerGas].reduce((a, b) => (a > b ? a : b));
      if (maxFee <= previousMax || tip > maxFee) {
        if (!warnedCap)
          note(`  Fees are at the cap (${formatGwei(cap)} gwei); waiting for the transaction to be mined.`);
        warnedCap = true;
      } else {
        const attempt = await sign(params, latest.nonce, BigInt(latest.gas), maxFee, tip, type);
        record.attempts.push(attempt);
        params.persist();
        note(`  Not mined yet; replacing it with higher fees (max ${formatGwei(maxFee)} gwei): ${attempt.hash}`);
        await broadcast(params, attempt);
        bumps++;
      }
      lastSent = Date.now();
    }
    await sleep(params.pollMs);
  }
}

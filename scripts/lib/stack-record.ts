/**
 * Where the running `npm start` is: its RPC URL(s), web app URL, registry and chain id, recorded in
 * `<state dir>/stack.json` while it runs, so every CLI command finds the same stack whatever ports it chose.
 * `npm start` writes the record once everything answers and removes it when it stops; a record left behind by
 * a stack that died (its process is gone) is stale, and readers ignore it.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-file.ts";

export const STACK_FILE = "stack.json";

export interface StackRecord {
  /** The process of `npm start` (scripts/start.ts) that wrote the record. */
  pid: number;
  rpcUrl: string;
  /** The registry's sources: the chain, then the second endpoint in front of it (verification reads both). */
  rpcUrls: string[];
  /** How many of `rpcUrls` must answer alike, and the block they are read at (core/sources.ts). */
  quorum?: number;
  blockTag?: "safe" | "finalized" | "latest";
  webUrl: string;
  registry: string;
  chainId: number;
  startedAt: string;
}

export type StackLookup =
  | { state: "none" }
  | { state: "live"; file: string; stack: StackRecord }
  | { state: "stale"; file: string; reason: string };

export function stackFile(stateDir: string): string {
  return join(stateDir, STACK_FILE);
}

export function writeStackRecord(stateDir: string, record: StackRecord): void {
  writeFileAtomically(stackFile(stateDir), JSON.stringify(record, null, 2) + "\n");
}

/** Removes the record if this process wrote it (another stack on the same folder keeps its own). */
export function removeStackRecord(stateDir: string, pid = process.pid): void {
  const file = stackFile(stateDir);
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown };
    if (record.pid === pid) rmSync(file, { force: true });
  } catch {
    // Nothing recorded, or unreadable: nothing of ours to remove.
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parse(text: string): StackRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const ok =
    Number.isSafeInteger(r.pid) &&
    typeof r.rpcUrl === "string" &&
    Array.isArray(r.rpcUrls) &&
    r.rpcUrls.every((u) => typeof u === "string") &&
    typeof r.webUrl === "string" &&
    typeof r.registry === "string" &&
    /^0x[0-9a-fA-F]{40}$/.test(r.registry) &&
    Number.isSafeInteger(r.chainId) &&
    typeof r.startedAt === "string";
  return ok ? (r as unknown as StackRecord) : undefined;
}

/** The stack recorded in `stateDir`: none, live (its `npm start` is running) or stale (and why). */
export function lookUpStack(stateDir: string): StackLookup {
  const file = stackFile(stateDir);
  if (!existsSync(file)) return { state: "none" };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { state: "stale", file, reason: "it cannot be read" };
  }
  const stack = parse(text);
  if (stack === undefined) return { state: "stale", file, reason: "it is not a stack record" };
  if (!isRunning(stack.pid))
    return { state: "stale", file, reason: `the npm start that wrote it (process ${stack.pid}) is no longer running` };
  return { state: "live", file, stack };
}

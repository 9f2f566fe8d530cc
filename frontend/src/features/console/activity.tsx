import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Hex } from "viem";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";

export interface ActivityEntry {
  id: number;
  summary: string;
  hash: Hex;
  registry: TrustedRegistry;
}

interface Activity {
  entries: readonly ActivityEntry[];
  record: (entry: Omit<ActivityEntry, "id">) => void;
}

const Context = createContext<Activity | null>(null);

/**
 * The transactions sent in this session, newest first. A write's own button may disappear once it succeeds
 * (a suspended institution offers "Reinstate", not "Suspend"), so its outcome and link are kept here.
 */
export function ActivityProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const record = useCallback((entry: Omit<ActivityEntry, "id">) => {
    setEntries((list) => [{ ...entry, id: list.length + 1 }, ...list]);
  }, []);
  const value = useMemo(() => ({ entries, record }), [entries, record]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useActivity(): Activity {
  const value = useContext(Context);
  if (value === null) throw new Error("useActivity outside ActivityProvider");
  return value;
}

export function TransactionLink({ registry, hash }: { registry: TrustedRegistry; hash: Hex }) {
  const explorer = registry.explorerUrl?.replace(/\/$/, "");
  return explorer === undefined ? (
    <code data-testid="tx-hash">{hash}</code>
  ) : (
    <a href={`${explorer}/tx/${hash}`} target="_blank" rel="noreferrer noopener" data-testid="tx-hash">
      {hash}
    </a>
  );
}

export function ActivityLog() {
  const { ct } = useConsoleI18n();
  const { entries } = useActivity();
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="activity-title" data-testid="activity">
      <h3 id="activity-title">{ct("activity.title")}</h3>
      <ol reversed>
        {entries.map((entry) => (
          <li key={entry.id} data-testid="activity-entry">
            {entry.summary} <TransactionLink registry={entry.registry} hash={entry.hash} />
          </li>
        ))}
      </ol>
    </section>
  );
}

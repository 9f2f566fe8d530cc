import { reasonLabel } from "@acredita/core";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { RootLookupState } from "./use-root-lookup.ts";

/** The status-only answer for a 32-byte value: the batches anchored with it as their root, per registry. */
export function RootLookupResult({ state }: { state: RootLookupState }) {
  const { t, tIsolated, date, language } = useI18n();
  if (state.phase === "idle") return null;
  if (state.phase === "checking") {
    return (
      <p role="status" data-testid="status-result">
        {t("lookup.checking")}
      </p>
    );
  }
  const found = state.answers.flatMap((a) => (a.ok ? a.batches.map((b) => ({ registry: a.registry, batch: b })) : []));
  const failed = state.answers.some((a) => !a.ok);
  // A batch anchored by a key compromised by then does not verify: never "anchored" alone.
  const sound = found.filter(({ batch }) => batch.state !== "key-compromised");
  const summary =
    sound.length > 0
      ? t("lookup.anchored")
      : found.length > 0
        ? t("lookup.keyCompromised")
        : failed
          ? t("lookup.couldNotCheck")
          : t("lookup.notAnchored");
  const foundState = sound.length > 0 ? "yes" : found.length > 0 ? "key-compromised" : failed ? "unknown" : "no";
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title" role="status" data-testid="status-result" data-found={foundState}>
        {summary}
      </h2>
      <p className="hint">
        <code className="hash">{state.value}</code>
      </p>
      {found.length > 0 ? (
        <ul className="batches">
          {found.map(({ registry, batch }) => (
            <li key={`${registry.address}:${batch.institution.id}`} data-testid="status-batch" data-state={batch.state}>
              {tIsolated("lookup.batch", {
                institution: batch.institution.name,
                country: batch.institution.country,
                count: batch.count,
                time: date(batch.anchoredAt * 1000, true),
                registry: registry.name,
              })}{" "}
              {batch.state === "key-compromised"
                ? t("lookup.batchKeyCompromised", { time: date(batch.keyCompromisedFrom * 1000, true) })
                : batch.revokedAt === 0
                  ? t("lookup.batchActive")
                  : t("lookup.batchRevoked", {
                      time: date(batch.revokedAt * 1000, true),
                      reason: reasonLabel(batch.revocationReason, language),
                    })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{failed ? t("lookup.couldNotCheckHint") : t("lookup.notAnchoredHint")}</p>
      )}
    </section>
  );
}

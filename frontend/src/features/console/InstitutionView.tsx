import type { TrustedRegistry } from "../../config/env.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { InstitutionRecord } from "../../lib/chain-history.ts";
import { AnchorSection } from "./AnchorSection.tsx";
import { BatchesSection } from "./BatchesSection.tsx";
import { useConsoleI18n } from "./console-i18n.tsx";
import { ManifestSection } from "./ManifestSection.tsx";
import { RevokeByFilesSection } from "./RevokeByFilesSection.tsx";
import { useInstitutionBatches } from "./use-console-data.ts";

function InstitutionFacts({ institution }: { institution: InstitutionRecord }) {
  const { ct } = useConsoleI18n();
  const { number } = useI18n();
  return (
    <dl className="facts">
      <dt>{ct("field.name")}</dt>
      <dd data-testid="institution-name" dir="auto">
        {institution.name}
      </dd>
      <dt>{ct("field.issuerId")}</dt>
      <dd>
        <code data-testid="institution-issuer-id">{institution.issuerId}</code>
      </dd>
      <dt>{ct("field.identityVersion")}</dt>
      <dd data-testid="institution-identity-version">{number(institution.identityVersion)}</dd>
      <dt>{ct("field.country")}</dt>
      <dd>{institution.country}</dd>
      <dt>{ct("field.website")}</dt>
      <dd>{institution.website}</dd>
      <dt>{ct("field.status")}</dt>
      <dd data-testid="institution-status">{ct(`status.${institution.status}`)}</dd>
    </dl>
  );
}

/**
 * An institution's view (its active signing key is connected): profile and status, batches, and three ways to
 * write: revoke by credential files, revoke from a batch manifest, anchor a sealed batch. Each section keeps its
 * own state.
 */
export function InstitutionView({ registry, institutionId }: { registry: TrustedRegistry; institutionId: number }) {
  const { ct } = useConsoleI18n();
  const data = useInstitutionBatches(registry, institutionId);
  if (data.isPending) return <p role="status">{ct("loading")}</p>;
  if (data.isError) return <p role="alert">{ct("readError")}</p>;
  const section = { registry, institutionId };
  return (
    <div className="institution-view" data-testid="institution-view">
      <h4>{ct("institution.title")}</h4>
      <InstitutionFacts institution={data.data.institution} />
      <BatchesSection {...section} batches={data.data.batches} />
      <RevokeByFilesSection {...section} />
      <ManifestSection {...section} />
      <AnchorSection {...section} />
    </div>
  );
}

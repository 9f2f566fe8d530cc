import { useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import type { InstitutionRecord } from "../../lib/chain-history.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { draftReady, profileArgument, ProfileFields, type ProfileDraft } from "./ProfileFields.tsx";
import { WriteAction } from "./WriteAction.tsx";
import type { RegistryWrite } from "./write-flow.ts";

const EMPTY: ProfileDraft = { name: "", issuerId: "", country: "", website: "" };

/**
 * The registrar's profile form: without `institution` it admits a new institution (`admitInstitution`); with one it
 * updates that institution's profile (`updateInstitution`) and says when the change starts a new issuer identity.
 */
export function ProfileForm(props: { registry: TrustedRegistry; institution?: InstitutionRecord; onDone: () => void }) {
  const { ct } = useConsoleI18n();
  const current = props.institution;
  const [draft, setDraft] = useState<ProfileDraft>(
    current === undefined
      ? EMPTY
      : { name: current.name, issuerId: current.issuerId, country: current.country, website: current.website },
  );
  const profile = profileArgument(draft);
  let write: RegistryWrite;
  let summary: string;
  if (current === undefined) {
    write = { functionName: "admitInstitution", args: [profile] };
    summary = ct("summary.admit", { name: draft.name, country: draft.country, issuerId: draft.issuerId });
  } else {
    write = { functionName: "updateInstitution", args: [current.id, profile] };
    const { name, issuerId, country, website } = draft;
    summary = ct("summary.update", { name: current.name, newName: name, issuerId, country, website });
    if (name !== current.name || issuerId !== current.issuerId) {
      summary = `${summary} ${ct("summary.newIdentity", { n: current.identityVersion + 1 })}`;
    }
  }
  return (
    <fieldset>
      <legend>{ct(current === undefined ? "registrar.admit" : "registrar.profile")}</legend>
      <ProfileFields testIdPrefix={current === undefined ? "admit" : "update"} draft={draft} onChange={setDraft} />
      <WriteAction
        registry={props.registry}
        label={ct(current === undefined ? "action.admit" : "action.update")}
        summary={summary}
        {...write}
        disabled={!draftReady(draft)}
        onDone={props.onDone}
      />
    </fieldset>
  );
}

import { countryBytes } from "@acredita/core";
import { useId } from "react";
import { useConsoleI18n } from "./console-i18n.tsx";
import type { ConsoleKey } from "./console-messages.ts";
import { profileProblems, type ProfileField, type ProfileProblem } from "./profile-rules.ts";

/** What the admit and update forms edit: the registry's `InstitutionProfile` without the metadata. */
export interface ProfileDraft {
  name: string;
  issuerId: string;
  country: string;
  website: string;
}

const ZERO_HASH = `0x${"00".repeat(32)}` as const;
/** "XX", the country of a draft that is not ready yet (the form sends nothing until {@link draftReady}). */
const NO_COUNTRY = "0x5858";

/** Whether the draft can be sent: the registry's text rules and a two-letter country. */
export function draftReady(draft: ProfileDraft): boolean {
  return countryBytes(draft.country) !== undefined && profileProblems(draft).length === 0;
}

/** The `InstitutionProfile` argument of `admitInstitution` / `updateInstitution` (no metadata document). */
export function profileArgument(draft: ProfileDraft) {
  return {
    name: draft.name,
    issuerId: draft.issuerId,
    country: countryBytes(draft.country) ?? NO_COUNTRY,
    website: draft.website,
    metadataURI: "",
    metadataHash: ZERO_HASH,
  };
}

const LABELS: Record<ProfileField, ConsoleKey> = {
  name: "field.name",
  issuerId: "field.issuerId",
  website: "field.website",
};

/**
 * The profile inputs of the admit and update forms, and what is wrong with them in the reader's language, before
 * anything is estimated or sent (an empty required field only keeps the action disabled).
 */
export function ProfileFields(props: {
  testIdPrefix: "admit" | "update";
  draft: ProfileDraft;
  onChange: (draft: ProfileDraft) => void;
}) {
  const { ct } = useConsoleI18n();
  const helpId = useId();
  const { draft, testIdPrefix: prefix } = props;
  const problems = profileProblems(draft).filter((p) => p.problem !== "empty");
  const invalid = (field: ProfileField) => problems.some((p) => p.field === field);
  const set = (change: Partial<ProfileDraft>) => {
    props.onChange({ ...draft, ...change });
  };
  const sentence = (p: ProfileProblem) => {
    const field = ct(LABELS[p.field]);
    return p.problem === "tooLong"
      ? ct("problem.tooLong", { field, length: p.length, max: p.max })
      : ct(`problem.${p.problem}` as ConsoleKey, { field });
  };
  return (
    <>
      <label className="console-field">
        {ct("field.name")}{" "}
        <input
          data-testid={`${prefix}-name`}
          value={draft.name}
          required
          aria-invalid={invalid("name")}
          onChange={(e) => {
            set({ name: e.target.value });
          }}
        />
      </label>{" "}
      <label className="console-field">
        {ct("field.issuerId")}{" "}
        <input
          data-testid={`${prefix}-issuer-id`}
          value={draft.issuerId}
          required
          spellCheck={false}
          autoCapitalize="off"
          placeholder="did:web:…"
          aria-describedby={helpId}
          aria-invalid={invalid("issuerId")}
          onChange={(e) => {
            set({ issuerId: e.target.value.trim() });
          }}
        />
      </label>{" "}
      <label className="console-field">
        {ct("field.country")}{" "}
        <input
          data-testid={`${prefix}-country`}
          value={draft.country}
          maxLength={2}
          required
          onChange={(e) => {
            set({ country: e.target.value.toUpperCase() });
          }}
        />
      </label>{" "}
      <label className="console-field">
        {ct("field.website")}{" "}
        <input
          data-testid={`${prefix}-website`}
          value={draft.website}
          aria-invalid={invalid("website")}
          onChange={(e) => {
            set({ website: e.target.value.trim() });
          }}
        />
      </label>
      <p className="hint" id={helpId}>
        {ct("field.issuerIdHelp")}
      </p>
      {problems.map((p) => (
        <p
          key={p.field}
          role="alert"
          className="form-problem"
          data-testid={`${prefix}-problem`}
          data-field={p.field}
          data-problem={p.problem}
        >
          {sentence(p)}
        </p>
      ))}
    </>
  );
}

import { useState } from "react";
import { isAddress, zeroAddress, type Address } from "viem";
import { useConnection } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { useInstitutionsWithKeys, type KeyRow, type Roles } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";
import { draftReady, profileArgument, ProfileFields, type ProfileDraft } from "./ProfileFields.tsx";
import { useQueryClient } from "@tanstack/react-query";

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries();
  };
}

function KeyItem({ registry, institutionId, row }: { registry: TrustedRegistry; institutionId: number; row: KeyRow }) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const state = row.compromisedFrom !== 0 ? "compromised" : row.removedAt !== 0 ? "removed" : ("active" as const);
  return (
    <li data-testid="console-key" data-key={row.address} data-state={state}>
      <code>{row.address}</code> <span className="pill">{ct(`key.${state}`)}</span>
      {state === "active" && (
        <WriteAction
          registry={registry}
          label={ct("action.removeKey")}
          summary={ct("summary.removeKey", { key: row.address, id: institutionId })}
          functionName="removeSigningKey"
          args={[row.address]}
          onDone={refresh}
        />
      )}
      {state !== "compromised" && (
        <WriteAction
          registry={registry}
          label={ct("action.compromiseKey")}
          summary={ct("summary.compromiseKey", { key: row.address })}
          functionName="declareKeyCompromised"
          args={[row.address, Math.max(row.addedAt, Math.floor(Date.now() / 1000) - 60)]}
          onDone={refresh}
        />
      )}
    </li>
  );
}

function InstitutionRow(props: {
  registry: TrustedRegistry;
  entry: NonNullable<ReturnType<typeof useInstitutionsWithKeys>["data"]>[number];
}) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const { institution, keys } = props.entry;
  const [draft, setDraft] = useState<ProfileDraft>({
    name: institution.name,
    issuerId: institution.issuerId,
    country: institution.country,
    website: institution.website,
  });
  const [key, setKey] = useState("");
  const id = institution.id;
  const common = { registry: props.registry, onDone: refresh };
  const newIdentity = draft.name !== institution.name || draft.issuerId !== institution.issuerId;
  const updateSummary = ct("summary.update", {
    name: institution.name,
    newName: draft.name,
    issuerId: draft.issuerId,
    country: draft.country,
    website: draft.website,
  });
  return (
    <li data-testid="console-institution" data-id={id} data-status={institution.status}>
      <h5>
        #{id} <bdi>{institution.name}</bdi> ({institution.country}){" "}
        <span className={`pill status-${institution.status.toLowerCase()}`}>{ct(`status.${institution.status}`)}</span>
      </h5>
      <p className="hint">
        {ct("field.issuerId")}: <code data-testid="console-issuer-id">{institution.issuerId}</code> ·{" "}
        <span data-testid="console-identity-version">
          {ct("registrar.identity", { n: institution.identityVersion })}
        </span>
      </p>
      <div className="console-actions">
        {institution.status === "Active" && (
          <WriteAction
            {...common}
            label={ct("action.suspend")}
            summary={ct("summary.suspend", { name: institution.name })}
            functionName="suspendInstitution"
            args={[id]}
          />
        )}
        {institution.status === "Suspended" && (
          <WriteAction
            {...common}
            label={ct("action.reinstate")}
            summary={ct("summary.reinstate", { name: institution.name })}
            functionName="reinstateInstitution"
            args={[id]}
          />
        )}
        {institution.status !== "Withdrawn" && (
          <WriteAction
            {...common}
            label={ct("action.withdraw")}
            summary={ct("summary.withdraw", { name: institution.name })}
            functionName="withdrawInstitution"
            args={[id]}
          />
        )}
      </div>
      <fieldset>
        <legend>{ct("registrar.profile")}</legend>
        <ProfileFields testIdPrefix="update" draft={draft} onChange={setDraft} />
        <WriteAction
          {...common}
          label={ct("action.update")}
          summary={
            newIdentity
              ? `${updateSummary} ${ct("summary.newIdentity", { n: institution.identityVersion + 1 })}`
              : updateSummary
          }
          functionName="updateInstitution"
          args={[id, profileArgument(draft)]}
          disabled={!draftReady(draft)}
        />
      </fieldset>
      <h6>{ct("keys.title")}</h6>
      <ul className="console-keys">
        {keys.map((row) => (
          <KeyItem key={row.address} registry={props.registry} institutionId={id} row={row} />
        ))}
      </ul>
      {institution.status !== "Withdrawn" && (
        <>
          <label className="console-field">
            {ct("field.key")}{" "}
            <input
              data-testid="add-key"
              value={key}
              placeholder="0x…"
              onChange={(e) => {
                setKey(e.target.value.trim());
              }}
            />
          </label>
          <WriteAction
            {...common}
            label={ct("action.addKey")}
            summary={ct("summary.addKey", { key, name: institution.name })}
            functionName="addSigningKey"
            args={[id, key]}
            disabled={!isAddress(key)}
          />
        </>
      )}
    </li>
  );
}

export function PendingAdmin({ registry, roles }: { registry: TrustedRegistry; roles: Roles }) {
  const { ct } = useConsoleI18n();
  const { address } = useConnection();
  const refresh = useRefresh();
  const [to, setTo] = useState("");
  const pending = roles.pendingAdmin !== zeroAddress;
  return (
    <div data-testid="pending-admin">
      <h4>{ct("admin.title")}</h4>
      <p data-testid="pending-admin-state">
        {pending
          ? ct("admin.pending", {
              account: roles.pendingAdmin,
              time: new Date(roles.pendingAdminSchedule * 1000).toISOString(),
            })
          : ct("admin.none")}
      </p>
      {roles.admin && !pending && (
        <>
          <label className="console-field">
            {ct("field.newAdmin")}{" "}
            <input
              data-testid="new-admin"
              value={to}
              onChange={(e) => {
                setTo(e.target.value.trim());
              }}
            />
          </label>
          <WriteAction
            registry={registry}
            label={ct("action.beginAdmin")}
            summary={ct("summary.beginAdmin", { account: to })}
            functionName="beginDefaultAdminTransfer"
            args={[to]}
            disabled={!isAddress(to)}
            onDone={refresh}
          />
        </>
      )}
      {roles.admin && pending && (
        <WriteAction
          registry={registry}
          label={ct("action.cancelAdmin")}
          summary={ct("summary.cancelAdmin", { account: roles.pendingAdmin })}
          functionName="cancelDefaultAdminTransfer"
          args={[]}
          onDone={refresh}
        />
      )}
      {pending && address !== undefined && address.toLowerCase() === roles.pendingAdmin.toLowerCase() && (
        <WriteAction
          registry={registry}
          label={ct("action.acceptAdmin")}
          summary={ct("summary.acceptAdmin")}
          functionName="acceptDefaultAdminTransfer"
          args={[]}
          onDone={refresh}
        />
      )}
    </div>
  );
}

/** The registrar's view: admit, update, suspend, reinstate, withdraw; signing keys; the admin transfer. */
export function RegistrarView({ registry, roles }: { registry: TrustedRegistry; roles: Roles }) {
  const { ct } = useConsoleI18n();
  const institutions = useInstitutionsWithKeys(registry);
  const refresh = useRefresh();
  const [draft, setDraft] = useState<ProfileDraft>({ name: "", issuerId: "", country: "", website: "" });
  return (
    <div className="registrar-view" data-testid="registrar-view">
      <h4>{ct("registrar.title")}</h4>
      {roles.registrar && (
        <>
          <fieldset>
            <legend>{ct("registrar.admit")}</legend>
            <ProfileFields testIdPrefix="admit" draft={draft} onChange={setDraft} />
            <WriteAction
              registry={registry}
              label={ct("action.admit")}
              summary={ct("summary.admit", { name: draft.name, country: draft.country, issuerId: draft.issuerId })}
              functionName="admitInstitution"
              args={[profileArgument(draft)]}
              disabled={!draftReady(draft)}
              onDone={refresh}
            />
          </fieldset>
          {institutions.isPending && <p role="status">{ct("loading")}</p>}
          {institutions.isError && <p role="alert">{ct("readError")}</p>}
          {institutions.data !== undefined && (
            <ul className="console-institutions">
              {institutions.data.map((entry) => (
                <InstitutionRow key={entry.institution.id} registry={registry} entry={entry} />
              ))}
            </ul>
          )}
        </>
      )}
      <PendingAdmin registry={registry} roles={roles} />
    </div>
  );
}

export type { Address };

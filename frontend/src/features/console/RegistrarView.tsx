import { useState } from "react";
import { isAddress, zeroAddress } from "viem";
import { useConnection } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import type { InstitutionRecord } from "../../lib/chain-history.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { ProfileForm } from "./ProfileForm.tsx";
import { useInstitutionsWithKeys, useRefresh, type KeyRow, type Roles } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";

/** An input for an account address (trimmed as typed); the write beside it stays disabled until it is one. */
function AddressField(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <label className="console-field">
      {props.label}{" "}
      <input
        data-testid={props.testId}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => {
          props.onChange(e.target.value.trim());
        }}
      />
    </label>
  );
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

function AddKeyForm({ registry, institution }: { registry: TrustedRegistry; institution: InstitutionRecord }) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const [key, setKey] = useState("");
  return (
    <>
      <AddressField label={ct("field.key")} testId="add-key" value={key} onChange={setKey} placeholder="0x…" />
      <WriteAction
        registry={registry}
        label={ct("action.addKey")}
        summary={ct("summary.addKey", { key, name: institution.name })}
        functionName="addSigningKey"
        args={[institution.id, isAddress(key) ? key : zeroAddress]}
        disabled={!isAddress(key)}
        onDone={refresh}
      />
    </>
  );
}

function InstitutionRow(props: { registry: TrustedRegistry; institution: InstitutionRecord; keys: readonly KeyRow[] }) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const { institution, keys } = props;
  const id = institution.id;
  const common = { registry: props.registry, onDone: refresh };
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
      <ProfileForm registry={props.registry} institution={institution} onDone={refresh} />
      <h6>{ct("keys.title")}</h6>
      <ul className="console-keys">
        {keys.map((row) => (
          <KeyItem key={row.address} registry={props.registry} institutionId={id} row={row} />
        ))}
      </ul>
      {institution.status !== "Withdrawn" && <AddKeyForm registry={props.registry} institution={institution} />}
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
          <AddressField label={ct("field.newAdmin")} testId="new-admin" value={to} onChange={setTo} />
          <WriteAction
            registry={registry}
            label={ct("action.beginAdmin")}
            summary={ct("summary.beginAdmin", { account: to })}
            functionName="beginDefaultAdminTransfer"
            args={[isAddress(to) ? to : zeroAddress]}
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
  return (
    <div className="registrar-view" data-testid="registrar-view">
      <h4>{ct("registrar.title")}</h4>
      {roles.registrar && (
        <>
          <ProfileForm registry={registry} onDone={refresh} />
          {institutions.isPending && <p role="status">{ct("loading")}</p>}
          {institutions.isError && <p role="alert">{ct("readError")}</p>}
          {institutions.data !== undefined && (
            <ul className="console-institutions">
              {institutions.data.map(({ institution, keys }) => (
                <InstitutionRow key={institution.id} registry={registry} institution={institution} keys={keys} />
              ))}
            </ul>
          )}
        </>
      )}
      <PendingAdmin registry={registry} roles={roles} />
    </div>
  );
}

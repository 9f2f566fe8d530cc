import { useState } from "react";
import { isAddress, toHex, zeroAddress, type Address } from "viem";
import { useConnection } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { useInstitutionsWithKeys, type KeyRow, type Roles } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";
import { useQueryClient } from "@tanstack/react-query";

const ZERO_HASH = `0x${"00".repeat(32)}` as const;

function profile(name: string, country: string, website: string) {
  return { name, country: toHex(country, { size: 2 }), website, metadataURI: "", metadataHash: ZERO_HASH };
}

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
  const [name, setName] = useState(institution.name);
  const [country, setCountry] = useState(institution.country);
  const [website, setWebsite] = useState(institution.website);
  const [key, setKey] = useState("");
  const id = institution.id;
  const common = { registry: props.registry, onDone: refresh };
  return (
    <li data-testid="console-institution" data-id={id} data-status={institution.status}>
      <h5>
        #{id} {institution.name} ({institution.country}){" "}
        <span className={`pill status-${institution.status.toLowerCase()}`}>{ct(`status.${institution.status}`)}</span>
      </h5>
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
        <label className="console-field">
          {ct("field.name")}{" "}
          <input
            data-testid="update-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
        </label>
        <label className="console-field">
          {ct("field.country")}{" "}
          <input
            data-testid="update-country"
            value={country}
            maxLength={2}
            onChange={(e) => {
              setCountry(e.target.value.toUpperCase());
            }}
          />
        </label>
        <label className="console-field">
          {ct("field.website")}{" "}
          <input
            data-testid="update-website"
            value={website}
            onChange={(e) => {
              setWebsite(e.target.value.trim());
            }}
          />
        </label>
        <WriteAction
          {...common}
          label={ct("action.update")}
          summary={ct("summary.update", { name: institution.name, newName: name, country, website })}
          functionName="updateInstitution"
          args={[id, profile(name, /^[A-Z]{2}$/.test(country) ? country : "XX", website)]}
          disabled={!/^[A-Z]{2}$/.test(country)}
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
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [website, setWebsite] = useState("");
  const validCountry = /^[A-Z]{2}$/.test(country);
  return (
    <div className="registrar-view" data-testid="registrar-view">
      <h4>{ct("registrar.title")}</h4>
      {roles.registrar && (
        <>
          <fieldset>
            <legend>{ct("registrar.admit")}</legend>
            <label className="console-field">
              {ct("field.name")}{" "}
              <input
                data-testid="admit-name"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                }}
              />
            </label>{" "}
            <label className="console-field">
              {ct("field.country")}{" "}
              <input
                data-testid="admit-country"
                value={country}
                maxLength={2}
                onChange={(e) => {
                  setCountry(e.target.value.toUpperCase());
                }}
              />
            </label>{" "}
            <label className="console-field">
              {ct("field.website")}{" "}
              <input
                data-testid="admit-website"
                value={website}
                onChange={(e) => {
                  setWebsite(e.target.value.trim());
                }}
              />
            </label>
            <WriteAction
              registry={registry}
              label={ct("action.admit")}
              summary={ct("summary.admit", { name, country })}
              functionName="admitInstitution"
              args={[profile(name, validCountry ? country : "XX", website)]}
              disabled={!validCountry}
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

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import { useConsoleI18n } from "./console-i18n.tsx";
import type { ConsoleKey } from "./console-messages.ts";
import { AnchorFilesError, anchorTarget, type AnchorTarget } from "./anchor-files.ts";
import { manifestFor } from "./manifest-file.ts";
import { revocationTarget, type RevocationTarget } from "./revocation-files.ts";
import type { BatchManifest } from "@acredita/core/proof.ts";
import { useInstitutionBatches } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";

/** Reason codes of the registry's specification (ICredentialRegistry.sol). */
const REASONS = [0, 1, 2, 3, 4, 5, 6] as const;

function ReasonSelect(props: { value: number; onChange: (value: number) => void; testId: string }) {
  const { ct } = useConsoleI18n();
  return (
    <label>
      {ct("field.reason")}{" "}
      <select
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => {
          props.onChange(Number(e.target.value));
        }}
      >
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {ct(`reason.${String(r)}` as ConsoleKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A picker for credential or manifest JSON files. */
function JsonFilePicker(props: {
  label: string;
  testId: string;
  multiple?: boolean;
  onPick: (files: FileList | null) => void;
}) {
  return (
    <label>
      {props.label}{" "}
      <input
        type="file"
        multiple={props.multiple}
        accept=".json,application/json"
        data-testid={props.testId}
        onChange={(e) => {
          props.onPick(e.target.files);
        }}
      />
    </label>
  );
}

/** Revokes the listed positions of one batch with one reason (`revokeCredentials`). */
function RevokeCredentialsAction(props: {
  registry: TrustedRegistry;
  institutionId: number;
  root: `0x${string}`;
  indexes: readonly number[];
  reason: number;
  onDone: () => void;
}) {
  const { ct } = useConsoleI18n();
  return (
    <WriteAction
      registry={props.registry}
      label={ct("action.revokeCredentials", { n: props.indexes.length })}
      summary={ct("summary.revokeCredentials", {
        indexes: props.indexes.join(", "),
        root: props.root,
        reason: ct(`reason.${String(props.reason)}` as ConsoleKey),
      })}
      functionName="revokeCredentials"
      args={[props.institutionId, props.root, props.indexes, props.reason]}
      onDone={props.onDone}
    />
  );
}

/** An institution's view (its active signing key is connected): profile, status, batches; revoke. */
export function InstitutionView({ registry, institutionId }: { registry: TrustedRegistry; institutionId: number }) {
  const { ct } = useConsoleI18n();
  const { date, number } = useI18n();
  const queryClient = useQueryClient();
  const data = useInstitutionBatches(registry, institutionId);
  const [batchReason, setBatchReason] = useState(1);
  const [fileReason, setFileReason] = useState(1);
  const [target, setTarget] = useState<RevocationTarget>();
  const [fileError, setFileError] = useState<string>();
  const [manifest, setManifest] = useState<BatchManifest>();
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [manifestError, setManifestError] = useState<string>();
  const [anchor, setAnchor] = useState<AnchorTarget>();
  const [anchorError, setAnchorError] = useState<string>();
  const refresh = () => {
    void queryClient.invalidateQueries();
  };
  const readFiles = async (files: FileList | null) => {
    setTarget(undefined);
    setFileError(undefined);
    if (files === null || files.length === 0) return;
    try {
      const texts = await Promise.all([...files].map((f) => f.text()));
      setTarget(revocationTarget(texts, institutionId));
    } catch (error) {
      const code = error instanceof Error ? error.message : "";
      setFileError(
        code === "another-institution" || code === "several-batches" ? ct(`files.${code}`) : ct("files.invalid"),
      );
    }
  };
  const readManifest = async (files: FileList | null) => {
    setManifest(undefined);
    setPicked(new Set());
    setManifestError(undefined);
    const file = files?.[0];
    if (file === undefined) return;
    try {
      setManifest(
        manifestFor(await file.text(), { chainId: registry.chainId, registry: registry.address, institutionId }),
      );
    } catch (error) {
      const code = error instanceof Error ? error.message : "";
      setManifestError(code === "another-institution" ? ct("files.another-institution") : ct("manifest.invalid"));
    }
  };
  const toggle = (index: number) => {
    const next = new Set(picked);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setPicked(next);
  };
  const pickedIndexes = [...picked].sort((a, b) => a - b);
  const readAnchorFiles = async (files: FileList | null) => {
    setAnchor(undefined);
    setAnchorError(undefined);
    if (files === null || files.length === 0) return;
    try {
      const texts = await Promise.all([...files].map((f) => f.text()));
      setAnchor(anchorTarget(texts, { chainId: registry.chainId, registry: registry.address, institutionId }));
    } catch (error) {
      setAnchorError(error instanceof AnchorFilesError ? ct(`anchor.${error.problem}`) : ct("anchor.invalid"));
    }
  };
  if (data.isPending) return <p role="status">{ct("loading")}</p>;
  if (data.isError) return <p role="alert">{ct("readError")}</p>;
  const { institution, batches } = data.data;
  return (
    <div className="institution-view" data-testid="institution-view">
      <h4>{ct("institution.title")}</h4>
      <dl className="facts">
        <dt>{ct("field.name")}</dt>
        <dd data-testid="institution-name">{institution.name}</dd>
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
      <h5>{ct("batches.title", { n: number(batches.length) })}</h5>
      {batches.length === 0 ? (
        <p>{ct("batches.none")}</p>
      ) : (
        <table className="batches-table">
          <thead>
            <tr>
              <th scope="col">{ct("batches.anchored")}</th>
              <th scope="col">{ct("batches.root")}</th>
              <th scope="col">{ct("batches.count")}</th>
              <th scope="col">{ct("batches.revoked")}</th>
              <th scope="col">{ct("batches.action")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.root} data-testid="console-batch" data-root={batch.root}>
                <td>{date(batch.anchoredAt * 1000, true)}</td>
                <td>
                  <code className="hash">{batch.root}</code>
                </td>
                <td>{number(batch.count)}</td>
                <td data-testid="batch-revocations">
                  {batch.revokedAt !== 0
                    ? ct("batches.wholeRevoked", { time: date(batch.revokedAt * 1000, true) })
                    : number(batch.revokedCredentials)}
                </td>
                <td>
                  {batch.revokedAt === 0 && (
                    <WriteAction
                      registry={registry}
                      label={ct("action.revokeBatch")}
                      summary={ct("summary.revokeBatch", {
                        n: batch.count,
                        reason: ct(`reason.${String(batchReason)}` as ConsoleKey),
                      })}
                      functionName="revokeBatch"
                      args={[institutionId, batch.root, batchReason]}
                      onDone={refresh}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batches.length > 0 && <ReasonSelect value={batchReason} onChange={setBatchReason} testId="batch-reason" />}
      <fieldset>
        <legend>{ct("files.title")}</legend>
        <JsonFilePicker
          label={ct("files.pick")}
          testId="revoke-files"
          multiple
          onPick={(files) => void readFiles(files)}
        />
        <ReasonSelect value={fileReason} onChange={setFileReason} testId="file-reason" />
        {fileError !== undefined && <p role="alert">{fileError}</p>}
        {target !== undefined && (
          <RevokeCredentialsAction
            registry={registry}
            institutionId={institutionId}
            root={target.root}
            indexes={target.indexes}
            reason={fileReason}
            onDone={refresh}
          />
        )}
      </fieldset>
      <fieldset data-testid="manifest-fieldset">
        <legend>{ct("manifest.title")}</legend>
        <JsonFilePicker
          label={ct("manifest.pick")}
          testId="manifest-file"
          onPick={(files) => void readManifest(files)}
        />
        {manifestError !== undefined && <p role="alert">{manifestError}</p>}
        {manifest !== undefined && (
          <>
            <p className="hint">{ct("manifest.batch", { root: manifest.batchRoot, n: manifest.count })}</p>
            <ul className="console-keys">
              {manifest.credentials.map((entry) => (
                <li key={entry.index}>
                  <label>
                    <input
                      type="checkbox"
                      data-testid="manifest-entry"
                      checked={picked.has(entry.index)}
                      onChange={() => {
                        toggle(entry.index);
                      }}
                    />{" "}
                    #{entry.index} <code>{entry.id === "" ? entry.credentialDigest : entry.id}</code>
                  </label>
                </li>
              ))}
            </ul>
            <ReasonSelect value={fileReason} onChange={setFileReason} testId="manifest-reason" />
            {pickedIndexes.length > 0 && (
              <RevokeCredentialsAction
                registry={registry}
                institutionId={institutionId}
                root={manifest.batchRoot}
                indexes={pickedIndexes}
                reason={fileReason}
                onDone={refresh}
              />
            )}
          </>
        )}
      </fieldset>
      <fieldset data-testid="anchor-fieldset">
        <legend>{ct("anchor.title")}</legend>
        <p className="hint">{ct("anchor.hint")}</p>
        <JsonFilePicker
          label={ct("files.pick")}
          testId="anchor-files"
          multiple
          onPick={(files) => void readAnchorFiles(files)}
        />
        {anchorError !== undefined && <p role="alert">{anchorError}</p>}
        {anchor !== undefined && (
          <WriteAction
            registry={registry}
            label={ct("action.anchor", { n: anchor.count })}
            summary={ct("summary.anchor", { n: anchor.count, root: anchor.root })}
            functionName="anchorBatch"
            args={[anchor.root, anchor.count]}
            onDone={refresh}
          />
        )}
      </fieldset>
    </div>
  );
}

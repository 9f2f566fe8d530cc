/**
 * The registry's specification (`contracts/interfaces/ICredentialRegistry.sol`) as node:test cases on Hardhat's
 * in-process network: each case checks the events, the stored state and the return value of a call together, and
 * every custom error of the interface is provoked from TypeScript with its evidence (the last case checks that).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { artifacts, network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  type AbiFunction,
  type Address,
  type Hex,
  decodeErrorResult,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEventLogs,
  toFunctionSelector,
  toHex,
  zeroAddress,
} from "viem";
import {
  FORMAT_TAG,
  INSTITUTION_PROFILE,
  LEAF_ENCODING,
  buildBatchTree,
  countryCode,
  deployRegistryFixture,
  digestFor,
  proofOf,
  waitFor,
} from "../../helpers/registry-fixture.ts";

const Status = { None: 0, Active: 1, Suspended: 2, Withdrawn: 3 } as const;
const ZERO32: Hex = `0x${"00".repeat(32)}`;
const MAX_UINT32 = 2 ** 32 - 1;
const hashOf = (text: string) => keccak256(toHex(text));
/** `keccak256(abi.encode(keccak256(bytes(name)), keccak256(bytes(issuerId))))`: an issuer identity in one hash. */
const identityHashOf = (name: string, issuerId: string) =>
  keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [hashOf(name), hashOf(issuerId)]));

describe("CredentialRegistry", async () => {
  const fixture = await deployRegistryFixture(await network.create());
  const { registry, publicClient, registrar, issuer, admin, others, chainId } = fixture;
  const [stranger, otherIssuer, ...spare] = others;
  assert.ok(stranger && otherIssuer && spare.length >= 8, "the network has too few accounts");
  const asIssuer = { account: issuer.account };
  const asRegistrar = { account: registrar.account };
  const asOther = { account: otherIssuer.account };
  const OTHER_PROFILE = {
    ...INSTITUTION_PROFILE,
    name: "Instituto Otro",
    issuerId: "did:web:otro.example.edu.ar",
    country: countryCode("AR"),
  };
  await waitFor(publicClient, registry.write.admitInstitution([OTHER_PROFILE], asRegistrar));
  await waitFor(publicClient, registry.write.addSigningKey([2, otherIssuer.account.address], asRegistrar));

  /** Every custom error a case provoked, for the last case. */
  const provoked = new Set<string>();

  /**
   * Requires `call` to revert with the custom error `name` and, when given, exactly `args` (an argument may be a
   * predicate, for a value such as the block time of a call that was never mined).
   */
  async function rejects(call: Promise<unknown>, name: string, args?: readonly unknown[]): Promise<void> {
    provoked.add(name);
    let error: unknown;
    try {
      await call;
    } catch (caught) {
      error = caught;
    }
    assert.ok(error !== undefined, `expected a revert with ${name}, the call succeeded`);
    const data = revertData(error);
    assert.ok(
      data !== undefined,
      `expected a revert with ${name}, got ${error instanceof Error ? error.message : "?"}`,
    );
    const decoded = decodeErrorResult({ abi: registry.abi, data });
    assert.equal(decoded.errorName, name);
    if (args === undefined) return;
    const actual = (decoded.args as readonly unknown[] | undefined) ?? [];
    assert.equal(actual.length, args.length, `${name}'s arguments: ${String(actual)}`);
    args.forEach((expected, i) => {
      if (typeof expected === "function") assert.ok((expected as (v: unknown) => boolean)(actual[i]), `${name}[${i}]`);
      else assert.deepEqual(actual[i], expected, `${name}'s argument ${i}`);
    });
  }

  /** The revert data somewhere along an error's `cause` chain. */
  function revertData(error: unknown): Hex | undefined {
    for (let current = error; typeof current === "object" && current !== null;) {
      const { data, cause } = current as { data?: unknown; cause?: unknown };
      if (typeof data === "string" && data.startsWith("0x")) return data as Hex;
      current = cause;
    }
    return undefined;
  }

  /** Sends a transaction and returns its decoded events and its block's time. */
  async function sent(hash: Promise<Hex>) {
    const receipt = await waitFor(publicClient, hash);
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    const events = parseEventLogs({ abi: registry.abi, logs: receipt.logs }).map(({ eventName, args }) => ({
      eventName,
      args: args as Record<string, unknown>,
    }));
    return { events, time: Number(block.timestamp) };
  }

  /** Admits `profile` (its issuer id made unique by `tag`) and returns the id the call returned. */
  async function admit(tag: string, profile: Partial<typeof INSTITUTION_PROFILE> = {}): Promise<number> {
    const full = { ...INSTITUTION_PROFILE, name: `Institución ${tag}`, issuerId: `did:web:${tag}.example`, ...profile };
    const { result } = await registry.simulate.admitInstitution([full], { account: registrar.account.address });
    await waitFor(publicClient, registry.write.admitInstitution([full], asRegistrar));
    return result;
  }

  /** Builds and anchors a batch of `size` credentials for `institutionId` with `account`. */
  async function anchorTree(label: string, institutionId: number, size: number, account = issuer.account) {
    const digests = Array.from({ length: size }, (_, i) => digestFor(label, i));
    const tree = buildBatchTree(chainId, registry.address, institutionId, digests);
    const root = tree.root as Hex;
    const { time } = await sent(registry.write.anchorBatch([root, size], { account }));
    const verify = (index: number) =>
      registry.read.verifyCredential([institutionId, index, digests[index] ?? ZERO32, proofOf(tree, index)]);
    return { tree, root, digests, anchoredAt: time, verify };
  }

  /** A key the network funds, for a case that needs its own. */
  const spareKey = () => {
    const client = spare.shift();
    assert.ok(client, "out of spare accounts");
    return client;
  };

  describe("admitInstitution", () => {
    it("admits an institution: event with issuer id and version 1, stored record and identity, returned id", async () => {
      const profile = { ...INSTITUTION_PROFILE, name: "Universidad Nueva", issuerId: "https://nueva.example.edu" };
      const { result } = await registry.simulate.admitInstitution([profile], { account: registrar.account.address });
      const { events, time } = await sent(registry.write.admitInstitution([profile], asRegistrar));
      assert.equal(result, await registry.read.institutionCount());
      assert.deepEqual(events, [
        { eventName: "InstitutionAdmitted", args: { institutionId: result, ...profile, identityVersion: 1 } },
      ]);
      const institution = await registry.read.getInstitution([result]);
      assert.deepEqual(institution, {
        profile,
        status: Status.Active,
        admittedAt: time,
        updatedAt: time,
        statusChangedAt: time,
        signingKeyCount: 0,
        identityVersion: 1,
      });
      assert.deepEqual(await registry.read.getIssuerIdentity([result, 1]), {
        identityHash: identityHashOf(profile.name, profile.issuerId),
        nameHash: hashOf(profile.name),
        issuerIdHash: hashOf(profile.issuerId),
      });
      assert.deepEqual(await registry.read.getIssuerIdentity([result, 2]), {
        identityHash: ZERO32,
        nameHash: ZERO32,
        issuerIdHash: ZERO32,
      });
      assert.equal(await registry.read.institutionOfIssuerId([profile.issuerId]), result);
    });

    it("reports an id never admitted as all zero", async () => {
      const unknown = (await registry.read.institutionCount()) + 1;
      const institution = await registry.read.getInstitution([unknown]);
      assert.equal(institution.status, Status.None);
      assert.equal(institution.profile.name, "");
      assert.equal(institution.admittedAt, 0);
      assert.deepEqual(await registry.read.getSigningKeys([unknown]), []);
      assert.equal(await registry.read.institutionOfIssuerId(["did:web:nobody.example"]), 0);
    });

    it("refuses an issuer id another institution holds, and leaves no trace", async () => {
      const count = await registry.read.institutionCount();
      await rejects(
        registry.write.admitInstitution([{ ...INSTITUTION_PROFILE, name: "Copia" }], asRegistrar),
        "CredentialRegistryIssuerIdTaken",
        [INSTITUTION_PROFILE.issuerId, 1],
      );
      assert.equal(await registry.read.institutionCount(), count);
    });

    it("rejects names that are empty, too long, or break the text rules, with the offending position", async () => {
      const withName = (name: string) =>
        registry.write.admitInstitution(
          [{ ...INSTITUTION_PROFILE, issuerId: "did:web:texto.example", name }],
          asRegistrar,
        );
      await rejects(withName(""), "CredentialRegistryEmptyName", []);
      await rejects(withName("x".repeat(97)), "CredentialRegistryTextTooLong", ["name", 97n, 96n]);
      await rejects(withName("é".repeat(48) + "x"), "CredentialRegistryTextTooLong", ["name", 97n, 96n]);
      await rejects(withName("Uni\u0007"), "CredentialRegistryControlCharacter", ["name", 3n]);
      await rejects(withName("Uni\u0085"), "CredentialRegistryControlCharacter", ["name", 3n]);
      await rejects(withName("Uni\u007f"), "CredentialRegistryControlCharacter", ["name", 3n]);
      await rejects(withName("Uñi\u202eX"), "CredentialRegistryBidiControl", ["name", 4n]);
      await rejects(withName("Uni\u2066X"), "CredentialRegistryBidiControl", ["name", 3n]);
      await rejects(withName("Universida\u0301d"), "CredentialRegistryTextNotNormalized", ["name", 10n]);
      await rejects(withName("\u212Bngstr\u00f6m"), "CredentialRegistryTextNotNormalized", ["name", 0n]);
      await rejects(withName("日\uf900"), "CredentialRegistryTextNotNormalized", ["name", 3n]);
      await rejects(withName("x\u{2f800}"), "CredentialRegistryTextNotNormalized", ["name", 1n]);
    });

    it("rejects a name that is not UTF-8, with the position of the bad sequence", async () => {
      for (const [bytes, position] of [
        [[0x55, 0x6e, 0x69, 0xc3, 0x28], 3n], // a missing continuation byte
        [[0x55, 0xc0, 0xaf], 1n], // an overlong '/'
        [[0x55, 0x6e, 0xed, 0xa0, 0x80], 2n], // a surrogate
        [[0xf4, 0x90, 0x80, 0x80], 0n], // above U+10FFFF
        [[0x55, 0x80], 1n], // a stray continuation byte
      ] as const) {
        await rejects(
          registrar.sendTransaction({ to: registry.address, data: admitWithRawName(Uint8Array.from(bytes)) }),
          "CredentialRegistryInvalidUtf8",
          ["name", position],
        );
      }
    });

    it("accepts precomposed letters and texts exactly at their caps", async () => {
      const profile = {
        ...INSTITUTION_PROFILE,
        name: "é".repeat(48), // 96 bytes
        issuerId: `https://${"a".repeat(248)}`, // 256 bytes
        website: `https://${"w".repeat(248)}`,
        metadataURI: `ipfs://${"m".repeat(249)}`,
      };
      const id = await admit("caps", profile);
      assert.deepEqual((await registry.read.getInstitution([id])).profile, profile);
    });

    it("rejects over-long or ill-formed issuer ids, websites and metadata URIs, and bad country codes", async () => {
      const withProfile = (profile: Partial<typeof INSTITUTION_PROFILE>) =>
        registry.write.admitInstitution(
          [{ ...INSTITUTION_PROFILE, issuerId: "did:web:perfil.example", ...profile }],
          asRegistrar,
        );
      for (const issuerId of [
        "",
        "did:web",
        "did::x.example",
        "did:Web:x.example",
        "did:web:",
        "http://x.example",
        "https://",
        "https:///path",
        "https://x.example/a b",
        "urn:uuid:1234",
      ]) {
        await rejects(withProfile({ issuerId }), "CredentialRegistryInvalidIssuerId", [issuerId]);
      }
      await rejects(withProfile({ issuerId: `did:web:${"a".repeat(249)}` }), "CredentialRegistryTextTooLong", [
        "issuerId",
        257n,
        256n,
      ]);
      await rejects(withProfile({ website: `https://${"a".repeat(249)}` }), "CredentialRegistryTextTooLong", [
        "website",
        257n,
        256n,
      ]);
      await rejects(withProfile({ metadataURI: "ipfs://x\u200f" }), "CredentialRegistryBidiControl", [
        "metadataURI",
        8n,
      ]);
      for (const country of [countryCode("mx"), countryCode("M1"), "0x0000", "0x405a", "0x5b41"] as Hex[]) {
        await rejects(withProfile({ country }), "CredentialRegistryInvalidCountryCode", [country]);
      }
    });

    it("refuses an https issuer id whose host is empty", async () => {
      // The specification: an issuer id is "an `https://` URL with a host". These have none (RFC 9110 forbids an
      // https URI with an empty host).
      for (const issuerId of ["https://#fragment", "https://?query=1", "https://:443/path"]) {
        const profile = { ...INSTITUTION_PROFILE, issuerId };
        await rejects(
          registry.simulate.admitInstitution([profile], { account: registrar.account.address }),
          "CredentialRegistryInvalidIssuerId",
          [issuerId],
        );
      }
    });

    it("is for the registrar only", async () => {
      await rejects(
        registry.write.admitInstitution([{ ...INSTITUTION_PROFILE, issuerId: "did:web:x.example" }], {
          account: stranger.account,
        }),
        "AccessControlUnauthorizedAccount",
        [getAddress(stranger.account.address), await registry.read.REGISTRAR_ROLE()],
      );
    });
  });

  describe("updateInstitution", () => {
    it("records the next identity version on a rename; earlier batches keep the identity they were issued under", async () => {
      const id = await admit("rename");
      const key = spareKey();
      await waitFor(publicClient, registry.write.addSigningKey([id, key.account.address], asRegistrar));
      const before = await anchorTree("before rename", id, 3, key.account);
      const renamed = { ...INSTITUTION_PROFILE, name: "Institución Renombrada", issuerId: "did:web:rename.example" };
      const { events, time } = await sent(registry.write.updateInstitution([id, renamed], asRegistrar));
      assert.deepEqual(events, [
        { eventName: "InstitutionUpdated", args: { institutionId: id, ...renamed, identityVersion: 2 } },
      ]);
      const institution = await registry.read.getInstitution([id]);
      assert.equal(institution.identityVersion, 2);
      assert.equal(institution.updatedAt, time);
      assert.ok(institution.admittedAt < time);
      assert.deepEqual(institution.profile, renamed);
      assert.deepEqual(await registry.read.getIssuerIdentity([id, 1]), {
        identityHash: identityHashOf("Institución rename", "did:web:rename.example"),
        nameHash: hashOf("Institución rename"),
        issuerIdHash: hashOf("did:web:rename.example"),
      });
      const version2 = await registry.read.getIssuerIdentity([id, 2]);
      assert.deepEqual(version2, {
        identityHash: identityHashOf(renamed.name, renamed.issuerId),
        nameHash: hashOf(renamed.name),
        issuerIdHash: hashOf(renamed.issuerId),
      });
      const after = await anchorTree("after rename", id, 2, key.account);
      assert.equal((await registry.read.getBatch([id, before.root])).identityVersion, 1);
      assert.equal((await registry.read.getBatch([id, after.root])).identityVersion, 2);
      const old = await before.verify(1);
      assert.equal(old.identityVersion, 1);
      assert.equal(old.issuerIdentityHash, identityHashOf("Institución rename", "did:web:rename.example"));
      const current = await after.verify(0);
      assert.equal(current.identityVersion, 2);
      assert.equal(current.issuerIdentityHash, version2.identityHash);
      // The identity hashes differ; the versions' text hashes tell that the name changed and the issuer id did not.
      const version1 = await registry.read.getIssuerIdentity([id, old.identityVersion]);
      assert.notEqual(old.issuerIdentityHash, current.issuerIdentityHash);
      assert.notEqual(version1.nameHash, version2.nameHash);
      assert.equal(version1.issuerIdHash, version2.issuerIdHash);
    });

    it("keeps the identity version when neither the name nor the issuer id changes", async () => {
      const id = await admit("website");
      const current = (await registry.read.getInstitution([id])).profile;
      const changed = { ...current, website: "https://otra.example", country: countryCode("CL") };
      const { events } = await sent(registry.write.updateInstitution([id, changed], asRegistrar));
      assert.deepEqual(events, [
        { eventName: "InstitutionUpdated", args: { institutionId: id, ...changed, identityVersion: 1 } },
      ]);
      assert.equal((await registry.read.getInstitution([id])).profile.country, countryCode("CL"));
      assert.equal((await registry.read.getInstitution([id])).identityVersion, 1);
    });

    it("keeps a replaced issuer id for its institution: it may come back, nobody else may take it", async () => {
      const id = await admit("moving");
      const current = (await registry.read.getInstitution([id])).profile;
      await waitFor(
        publicClient,
        registry.write.updateInstitution([id, { ...current, issuerId: "https://moving.example" }], asRegistrar),
      );
      assert.equal(await registry.read.institutionOfIssuerId(["did:web:moving.example"]), id);
      assert.equal(await registry.read.institutionOfIssuerId(["https://moving.example"]), id);
      await rejects(
        registry.write.updateInstitution([2, { ...OTHER_PROFILE, issuerId: "did:web:moving.example" }], asRegistrar),
        "CredentialRegistryIssuerIdTaken",
        ["did:web:moving.example", id],
      );
      const { events } = await sent(registry.write.updateInstitution([id, current], asRegistrar));
      assert.equal(events[0]?.args.identityVersion, 3);
      assert.deepEqual(await registry.read.getIssuerIdentity([id, 3]), await registry.read.getIssuerIdentity([id, 1]));
    });

    it("refuses an unknown institution, a withdrawn one and an invalid profile", async () => {
      const unknown = (await registry.read.institutionCount()) + 1;
      await rejects(
        registry.write.updateInstitution([unknown, INSTITUTION_PROFILE], asRegistrar),
        "CredentialRegistryUnknownInstitution",
        [unknown],
      );
      await rejects(
        registry.write.updateInstitution([1, { ...INSTITUTION_PROFILE, name: "" }], asRegistrar),
        "CredentialRegistryEmptyName",
        [],
      );
      const id = await admit("gone");
      await waitFor(publicClient, registry.write.withdrawInstitution([id], asRegistrar));
      await rejects(
        registry.write.updateInstitution(
          [id, { ...INSTITUTION_PROFILE, issuerId: "did:web:gone.example" }],
          asRegistrar,
        ),
        "CredentialRegistryInvalidStatusTransition",
        [id, Status.Withdrawn],
      );
    });
  });

  describe("institution status", () => {
    it("suspends: event, status and time; its keys stop anchoring; the view reports it; reinstating undoes it", async () => {
      const id = await admit("suspended");
      const key = spareKey();
      await waitFor(publicClient, registry.write.addSigningKey([id, key.account.address], asRegistrar));
      const batch = await anchorTree("suspension", id, 2, key.account);
      const suspended = await sent(registry.write.suspendInstitution([id], asRegistrar));
      assert.deepEqual(suspended.events, [{ eventName: "InstitutionSuspended", args: { institutionId: id } }]);
      assert.equal((await registry.read.getInstitution([id])).status, Status.Suspended);
      assert.equal((await registry.read.getInstitution([id])).statusChangedAt, suspended.time);
      assert.equal((await batch.verify(0)).institutionStatus, Status.Suspended);
      await rejects(
        registry.write.anchorBatch([hashOf("while suspended"), 1], { account: key.account }),
        "CredentialRegistryInstitutionNotActive",
        [id, Status.Suspended],
      );
      await rejects(registry.write.suspendInstitution([id], asRegistrar), "CredentialRegistryInvalidStatusTransition", [
        id,
        Status.Suspended,
      ]);
      // A suspended institution's active key still revokes.
      await waitFor(publicClient, registry.write.revokeCredential([id, batch.root, 1, 5], { account: key.account }));
      const reinstated = await sent(registry.write.reinstateInstitution([id], asRegistrar));
      assert.deepEqual(reinstated.events, [{ eventName: "InstitutionReinstated", args: { institutionId: id } }]);
      assert.equal((await batch.verify(0)).institutionStatus, Status.Active);
      await rejects(
        registry.write.reinstateInstitution([id], asRegistrar),
        "CredentialRegistryInvalidStatusTransition",
        [id, Status.Active],
      );
      await waitFor(publicClient, registry.write.anchorBatch([hashOf("reinstated"), 1], { account: key.account }));
    });

    it("withdraws for good: no more keys, anchors or revocations by its keys; the registrar still revokes", async () => {
      const id = await admit("withdrawn");
      const key = spareKey();
      await waitFor(publicClient, registry.write.addSigningKey([id, key.account.address], asRegistrar));
      const batch = await anchorTree("withdrawal", id, 3, key.account);
      const withdrawn = await sent(registry.write.withdrawInstitution([id], asRegistrar));
      assert.deepEqual(withdrawn.events, [{ eventName: "InstitutionWithdrawn", args: { institutionId: id } }]);
      const status = await batch.verify(2);
      assert.equal(status.institutionStatus, Status.Withdrawn);
      assert.equal(status.keyValidAtAnchoring, true, "withdrawal is not compromise");
      for (const call of [
        () => registry.write.withdrawInstitution([id], asRegistrar),
        () => registry.write.suspendInstitution([id], asRegistrar),
        () => registry.write.reinstateInstitution([id], asRegistrar),
        () => registry.write.addSigningKey([id, spare[0]?.account.address ?? zeroAddress], asRegistrar),
      ]) {
        await rejects(call(), "CredentialRegistryInvalidStatusTransition", [id, Status.Withdrawn]);
      }
      await rejects(
        registry.write.anchorBatch([hashOf("after withdrawal"), 1], { account: key.account }),
        "CredentialRegistryInstitutionNotActive",
        [id, Status.Withdrawn],
      );
      await rejects(
        registry.write.revokeCredential([id, batch.root, 0, 6], { account: key.account }),
        "CredentialRegistryUnauthorizedRevoker",
        [getAddress(key.account.address), id],
      );
      const { events } = await sent(registry.write.revokeBatch([id, batch.root, 6], asRegistrar));
      assert.deepEqual(events, [
        { eventName: "BatchRevoked", args: { institutionId: id, root: batch.root, reason: 6 } },
      ]);
      assert.equal((await batch.verify(0)).batchRevocationReason, 6);
    });

    it("refuses status changes of an id never admitted", async () => {
      const unknown = (await registry.read.institutionCount()) + 7;
      await rejects(registry.write.suspendInstitution([unknown], asRegistrar), "CredentialRegistryUnknownInstitution", [
        unknown,
      ]);
    });
  });

  describe("signing keys", () => {
    it("adds a key: event with its registry-wide id, stored record, the institution's list and count", async () => {
      const id = await admit("keys");
      const key = spareKey();
      const { events, time } = await sent(registry.write.addSigningKey([id, key.account.address], asRegistrar));
      const record = await registry.read.getSigningKey([key.account.address]);
      assert.deepEqual(events, [
        {
          eventName: "SigningKeyAdded",
          args: { institutionId: id, signingKey: getAddress(key.account.address), keyId: record.keyId },
        },
      ]);
      assert.deepEqual(record, {
        institutionId: id,
        keyId: record.keyId,
        addedAt: time,
        removedAt: 0,
        compromisedFrom: 0,
      });
      assert.deepEqual(await registry.read.getSigningKeys([id]), [getAddress(key.account.address)]);
      assert.equal((await registry.read.getInstitution([id])).signingKeyCount, 1);
      const next = getAddress(keccak256(toHex("next key")).slice(0, 42));
      await waitFor(publicClient, registry.write.addSigningKey([1, next], asRegistrar));
      assert.equal((await registry.read.getSigningKey([next])).keyId, record.keyId + 1, "ids run across institutions");
    });

    it("refuses the zero address, a key registered to any institution, an unknown institution", async () => {
      await rejects(registry.write.addSigningKey([1, zeroAddress], asRegistrar), "CredentialRegistryZeroAddress", []);
      await rejects(
        registry.write.addSigningKey([1, otherIssuer.account.address], asRegistrar),
        "CredentialRegistryKeyAlreadyRegistered",
        [getAddress(otherIssuer.account.address), 2],
      );
      const unknown = (await registry.read.institutionCount()) + 1;
      await rejects(
        registry.write.addSigningKey([unknown, keccak256(toHex("k")).slice(0, 42) as Address], asRegistrar),
        "CredentialRegistryUnknownInstitution",
        [unknown],
      );
    });

    it("caps an institution's keys at 32, removed ones included", async () => {
      const id = await admit("many-keys");
      const keys = Array.from({ length: 33 }, (_, i) => getAddress(keccak256(toHex(`key ${i}`)).slice(0, 42)));
      for (const key of keys.slice(0, 32))
        await waitFor(publicClient, registry.write.addSigningKey([id, key], asRegistrar));
      await waitFor(publicClient, registry.write.removeSigningKey([keys[0] ?? zeroAddress], asRegistrar));
      await rejects(
        registry.write.addSigningKey([id, keys[32] ?? zeroAddress], asRegistrar),
        "CredentialRegistryTooManySigningKeys",
        [id, 32n],
      );
      assert.equal((await registry.read.getInstitution([id])).signingKeyCount, 32);
    });

    it("removes a key: it stops anchoring and revoking, its batches stay valid, it never comes back", async () => {
      const id = await admit("removal");
      const key = spareKey();
      const address = getAddress(key.account.address);
      await waitFor(publicClient, registry.write.addSigningKey([id, address], asRegistrar));
      const batch = await anchorTree("before removal", id, 2, key.account);
      const { events, time } = await sent(registry.write.removeSigningKey([address], asRegistrar));
      assert.deepEqual(events, [{ eventName: "SigningKeyRemoved", args: { institutionId: id, signingKey: address } }]);
      assert.equal((await registry.read.getSigningKey([address])).removedAt, time);
      const status = await batch.verify(1);
      assert.equal(status.anchored && status.keyValidAtAnchoring, true);
      await rejects(
        registry.write.anchorBatch([hashOf("removed"), 1], { account: key.account }),
        "CredentialRegistrySigningKeyRemoved",
        [address, time],
      );
      await rejects(
        registry.write.revokeCredential([id, batch.root, 0, 1], { account: key.account }),
        "CredentialRegistryUnauthorizedRevoker",
        [address, id],
      );
      await rejects(registry.write.removeSigningKey([address], asRegistrar), "CredentialRegistrySigningKeyRemoved", [
        address,
        time,
      ]);
      await rejects(registry.write.addSigningKey([1, address], asRegistrar), "CredentialRegistryKeyAlreadyRegistered", [
        address,
        id,
      ]);
      await rejects(
        registry.write.removeSigningKey([getAddress(stranger.account.address)], asRegistrar),
        "CredentialRegistryUnknownSigningKey",
        [getAddress(stranger.account.address)],
      );
    });

    it("declares a key compromised: batches from that time stop verifying, earlier ones stay valid", async () => {
      const id = await admit("compromise");
      const key = spareKey();
      const address = getAddress(key.account.address);
      await waitFor(publicClient, registry.write.addSigningKey([id, address], asRegistrar));
      const early = await anchorTree("early", id, 2, key.account);
      const late = await anchorTree("late", id, 2, key.account);
      const { events, time } = await sent(
        registry.write.declareKeyCompromised([address, late.anchoredAt], asRegistrar),
      );
      const byName = (name: string) => events.find((e) => e.eventName === name)?.args;
      assert.equal(events.length, 2);
      assert.deepEqual(byName("SigningKeyCompromised"), {
        institutionId: id,
        signingKey: address,
        compromisedFrom: late.anchoredAt,
      });
      assert.deepEqual(byName("SigningKeyRemoved"), { institutionId: id, signingKey: address });
      const record = await registry.read.getSigningKey([address]);
      assert.equal(record.removedAt, time);
      assert.equal(record.compromisedFrom, late.anchoredAt);
      const [earlyStatus, lateStatus] = [await early.verify(0), await late.verify(0)];
      assert.equal(earlyStatus.keyValidAtAnchoring, true);
      assert.equal(earlyStatus.keyCompromisedFrom, late.anchoredAt);
      assert.equal(lateStatus.keyValidAtAnchoring, false, "a batch anchored at the compromise time");
      await rejects(
        registry.write.declareKeyCompromised([address, late.anchoredAt], asRegistrar),
        "CredentialRegistryCompromiseNotEarlier",
        [address, late.anchoredAt, late.anchoredAt],
      );
      // Moving it earlier is allowed and needs no second removal.
      const again = await sent(registry.write.declareKeyCompromised([address, early.anchoredAt], asRegistrar));
      assert.deepEqual(again.events, [
        {
          eventName: "SigningKeyCompromised",
          args: { institutionId: id, signingKey: address, compromisedFrom: early.anchoredAt },
        },
      ]);
      assert.equal((await early.verify(1)).keyValidAtAnchoring, false);
      const future = time + 3600;
      await rejects(
        registry.write.declareKeyCompromised([issuer.account.address, future], asRegistrar),
        "CredentialRegistryCompromiseInFuture",
        [future, (now: unknown) => typeof now === "number" && now > time && now < future],
      );
      await rejects(
        registry.write.declareKeyCompromised([getAddress(stranger.account.address), 1], asRegistrar),
        "CredentialRegistryUnknownSigningKey",
        [getAddress(stranger.account.address)],
      );
    });

    it("records a compromise declared from time 0 as time 1: every batch of the key stops verifying", async () => {
      // Not in the interface; the contract's own NatSpec: 0 means "never" elsewhere, so it is stored as 1.
      const id = await admit("from-zero");
      const key = spareKey();
      await waitFor(publicClient, registry.write.addSigningKey([id, key.account.address], asRegistrar));
      const batch = await anchorTree("from zero", id, 1, key.account);
      await waitFor(publicClient, registry.write.declareKeyCompromised([key.account.address, 0], asRegistrar));
      assert.equal((await registry.read.getSigningKey([key.account.address])).compromisedFrom, 1);
      assert.equal((await batch.verify(0)).keyValidAtAnchoring, false);
    });
  });

  describe("anchorBatch", () => {
    it("emits BatchAnchored naming the batch, stores the batch and reports it in the view", async () => {
      const batch = await anchorTree("anchor", 1, 5);
      const stored = await registry.read.getBatch([1, batch.root]);
      assert.deepEqual(stored, {
        signingKey: getAddress(issuer.account.address),
        anchoredAt: batch.anchoredAt,
        count: 5,
        identityVersion: 1,
        revokedAt: 0,
        revocationReason: 0,
      });
      assert.equal(await registry.read.isAnchored([1, batch.root]), true);
      assert.deepEqual(await batch.verify(3), {
        root: batch.root,
        anchored: true,
        indexInRange: true,
        anchoredAt: batch.anchoredAt,
        count: 5,
        signingKey: getAddress(issuer.account.address),
        keyCompromisedFrom: 0,
        keyValidAtAnchoring: true,
        institutionStatus: Status.Active,
        institutionCountry: INSTITUTION_PROFILE.country,
        identityVersion: 1,
        issuerIdentityHash: identityHashOf(INSTITUTION_PROFILE.name, INSTITUTION_PROFILE.issuerId),
        credentialRevokedAt: 0,
        credentialRevocationReason: 0,
        batchRevokedAt: 0,
        batchRevocationReason: 0,
      });
      const root = keccak256(toHex("event"));
      await fixture.connection.viem.assertions.emitWithArgs(
        registry.write.anchorBatch([root, 9], asIssuer),
        registry,
        "BatchAnchored",
        [1, root],
      );
    });

    it("publishes a batch's metadata URI in an event, and checks it like any text", async () => {
      const root = hashOf("with metadata");
      const uri = "ipfs://bafybeihkoviema7g3gxyt6la7vd5ho32ictqbilu3wnlo3rs7ewhnp7lly";
      const { events } = await sent(registry.write.anchorBatchWithMetadata([root, 4, uri], asIssuer));
      assert.deepEqual(events, [
        { eventName: "BatchAnchored", args: { institutionId: 1, root } },
        { eventName: "BatchMetadataPublished", args: { institutionId: 1, root, metadataURI: uri } },
      ]);
      assert.equal((await registry.read.getBatch([1, root])).count, 4);
      await rejects(
        registry.write.anchorBatchWithMetadata([hashOf("bad uri"), 1, "ipfs://\u0301"], asIssuer),
        "CredentialRegistryTextNotNormalized",
        ["metadataURI", 7n],
      );
      await rejects(
        registry.write.anchorBatchWithMetadata([hashOf("long uri"), 1, "x".repeat(257)], asIssuer),
        "CredentialRegistryTextTooLong",
        ["metadataURI", 257n, 256n],
      );
      assert.equal(await registry.read.isAnchored([1, hashOf("bad uri")]), false);
    });

    it("lets no other institution front-run a root: each anchors under its own id", async () => {
      const root = keccak256(toHex("contested root"));
      await waitFor(publicClient, registry.write.anchorBatch([root, 3], asOther));
      await waitFor(publicClient, registry.write.anchorBatch([root, 7], asIssuer));
      assert.equal((await registry.read.getBatch([1, root])).count, 7);
      assert.equal((await registry.read.getBatch([2, root])).count, 3);
    });

    it("rejects a second anchor of the same root with evidence", async () => {
      const root = keccak256(toHex("twice"));
      await waitFor(publicClient, registry.write.anchorBatch([root, 1], asIssuer));
      const { anchoredAt } = await registry.read.getBatch([1, root]);
      await rejects(registry.write.anchorBatch([root, 2], asIssuer), "CredentialRegistryBatchAlreadyAnchored", [
        1,
        root,
        anchoredAt,
      ]);
      assert.equal((await registry.read.getBatch([1, root])).count, 1, "write-once");
    });

    it("rejects an empty batch, a zero root and an account that is no key", async () => {
      await rejects(registry.write.anchorBatch([ZERO32, 1], asIssuer), "CredentialRegistryZeroRoot", []);
      const root = keccak256(toHex("empty"));
      await rejects(registry.write.anchorBatch([root, 0], asIssuer), "CredentialRegistryEmptyBatch", [root]);
      await rejects(
        registry.write.anchorBatch([root, 1], { account: stranger.account }),
        "CredentialRegistryUnknownSigningKey",
        [getAddress(stranger.account.address)],
      );
    });
  });

  describe("verifyCredential", async () => {
    const digests = Array.from({ length: 37 }, (_, i) => digestFor("oz", i));
    const tree = buildBatchTree(chainId, registry.address, 1, digests);
    const root = tree.root as Hex;
    await waitFor(publicClient, registry.write.anchorBatch([root, digests.length], asIssuer));

    it("derives exactly the OpenZeppelin StandardMerkleTree leaf", async () => {
      for (const [i, value] of tree.entries()) {
        assert.equal(await registry.read.credentialLeaf([1, value[4], value[5]]), tree.leafHash(value), `leaf ${i}`);
      }
    });

    it("accepts every OpenZeppelin proof of the batch, in one batched call", async () => {
      const queries = digests.map((digest, index) => ({
        institutionId: 1,
        index,
        credentialDigest: digest,
        proof: proofOf(tree, index),
      }));
      const statuses = await registry.read.verifyCredentials([queries]);
      assert.equal(statuses.length, digests.length);
      assert.ok(statuses.every((s) => s.root === root && s.anchored && s.indexInRange && s.keyValidAtAnchoring));
      assert.deepEqual(
        statuses[7],
        await registry.read.verifyCredential([1, 7, digests[7] ?? ZERO32, proofOf(tree, 7)]),
      );
    });

    it("reports a credential beyond the batch's count as anchored but out of range", async () => {
      const values = [0, 1, 2, 3].map((index) => [
        FORMAT_TAG,
        chainId,
        registry.address,
        1,
        index,
        digestFor("short", index),
      ]);
      const short = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
      await waitFor(publicClient, registry.write.anchorBatch([short.root as Hex, 3], asIssuer));
      const status = await registry.read.verifyCredential([1, 3, digestFor("short", 3), short.getProof(3) as Hex[]]);
      assert.equal(status.anchored, true);
      assert.equal(status.indexInRange, false);
      assert.equal(status.count, 3);
    });

    it("reaches no anchored root with another batch's path, index, digest or institution", async () => {
      const other = StandardMerkleTree.of(
        [[keccak256(toHex("x")), 1n, registry.address, 1, 0, digests[0] ?? ZERO32]],
        [...LEAF_ENCODING],
      );
      const proof = proofOf(tree, 4);
      const digest = digests[4] ?? ZERO32;
      const answers = [
        await registry.read.verifyCredential([1, 0, digests[0] ?? ZERO32, other.getProof(0) as Hex[]]),
        await registry.read.verifyCredential([1, 5, digest, proof]),
        await registry.read.verifyCredential([1, 4, digests[5] ?? ZERO32, proof]),
        await registry.read.verifyCredential([2, 4, digest, proof]),
      ];
      for (const answer of answers) {
        assert.notEqual(answer.root, root);
        assert.equal(answer.anchored, false);
        assert.equal(answer.indexInRange, false);
        assert.equal(answer.count, 0);
        assert.equal(answer.signingKey, zeroAddress);
        assert.equal(answer.identityVersion, 0);
        assert.equal(answer.issuerIdentityHash, ZERO32);
      }
    });

    it("reports an institution never admitted without reverting", async () => {
      const status = await registry.read.verifyCredential([4_000_000, 0, digests[0] ?? ZERO32, []]);
      assert.equal(status.anchored, false);
      assert.equal(status.institutionStatus, Status.None);
      assert.equal(status.institutionCountry, "0x0000");
    });

    it("rejects a 64-byte inner node presented as a leaf with a shortened path", async () => {
      const proof = proofOf(tree, 0);
      const leaf = await registry.read.credentialLeaf([1, 0, digests[0] ?? ZERO32]);
      const sibling = proof[0] ?? ZERO32;
      const [a, b] = leaf < sibling ? [leaf, sibling] : [sibling, leaf];
      const inner = keccak256(`0x${a.slice(2)}${b.slice(2)}`);
      const answer = await registry.read.verifyCredential([1, 0, inner, proof.slice(1)]);
      assert.notEqual(answer.root, root);
      assert.equal(answer.anchored, false);
    });

    it("rejects proofs longer than the cap, alone or in a batched call", async () => {
      const tooLong = Array.from({ length: 33 }, (_, i) => keccak256(toHex(i)));
      await rejects(
        registry.read.verifyCredential([1, 0, digests[0] ?? ZERO32, tooLong]),
        "CredentialRegistryProofTooLong",
        [33n, 32n],
      );
      const fine = { institutionId: 1, index: 0, credentialDigest: digests[0] ?? ZERO32, proof: proofOf(tree, 0) };
      await rejects(
        registry.read.verifyCredentials([[fine, { ...fine, proof: tooLong }]]),
        "CredentialRegistryProofTooLong",
        [33n, 32n],
      );
    });
  });

  describe("revocation", async () => {
    const digests = Array.from({ length: 500 }, (_, i) => digestFor("r", i));
    const tree = buildBatchTree(chainId, registry.address, 1, digests);
    const root = tree.root as Hex;
    const viewOf = (index: number) =>
      registry.read.verifyCredential([1, index, digests[index] ?? ZERO32, proofOf(tree, index)]);
    await waitFor(publicClient, registry.write.anchorBatch([root, 500], asIssuer));

    it("revokes one credential: event, stored record and view agree", async () => {
      const { events, time } = await sent(registry.write.revokeCredential([1, root, 12, 3], asIssuer));
      assert.deepEqual(events, [
        { eventName: "CredentialRevoked", args: { institutionId: 1, root, index: 12, reason: 3 } },
      ]);
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 12]), [time, 3]);
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 13]), [0, 0]);
      const status = await viewOf(12);
      assert.equal(status.root, root);
      assert.equal(status.credentialRevokedAt, time);
      assert.equal(status.credentialRevocationReason, 3);
      assert.equal((await viewOf(11)).credentialRevokedAt, 0);
    });

    it("refuses a second revocation with evidence, a stranger and another institution's key", async () => {
      const [revokedAt] = await registry.read.getCredentialRevocation([1, root, 12]);
      await rejects(
        registry.write.revokeCredential([1, root, 12, 1], asRegistrar),
        "CredentialRegistryCredentialAlreadyRevoked",
        [1, root, 12, revokedAt],
      );
      await rejects(
        registry.write.revokeCredential([1, root, 13, 1], { account: stranger.account }),
        "CredentialRegistryUnauthorizedRevoker",
        [getAddress(stranger.account.address), 1],
      );
      await rejects(registry.write.revokeBatch([1, root, 1], asOther), "CredentialRegistryUnauthorizedRevoker", [
        getAddress(otherIssuer.account.address),
        1,
      ]);
    });

    it("revokes a list, a range or a batch only of an anchored batch, below its count", async () => {
      const unknown = hashOf("not anchored");
      await rejects(
        registry.write.revokeCredentials([1, unknown, [0], 1], asIssuer),
        "CredentialRegistryUnknownBatch",
        [1, unknown],
      );
      await rejects(
        registry.write.revokeCredentialRange([1, unknown, 0, 1, 1], asIssuer),
        "CredentialRegistryUnknownBatch",
        [1, unknown],
      );
      await rejects(
        registry.write.revokeCredentials([1, root, [498, 499, 500], 1], asIssuer),
        "CredentialRegistryIndexOutOfRange",
        [500n, 500],
      );
      await rejects(
        registry.write.revokeCredentialRange([1, root, 498, 3, 1], asIssuer),
        "CredentialRegistryIndexOutOfRange",
        [500n, 500],
      );
      await rejects(registry.write.revokeBatch([1, unknown, 1], asIssuer), "CredentialRegistryUnknownBatch", [
        1,
        unknown,
      ]);
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 498]), [0, 0], "nothing half-done");
    });

    it("revokes one position beyond the count: recorded, and the credential stays out of range", async () => {
      const values = [0, 1, 2, 3].map((index) => [
        FORMAT_TAG,
        chainId,
        registry.address,
        1,
        index,
        digestFor("beyond", index),
      ]);
      const short = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
      const shortRoot = short.root as Hex;
      await waitFor(publicClient, registry.write.anchorBatch([shortRoot, 3], asIssuer));
      const { events, time } = await sent(registry.write.revokeCredential([1, shortRoot, 3, 2], asIssuer));
      assert.deepEqual(events, [
        { eventName: "CredentialRevoked", args: { institutionId: 1, root: shortRoot, index: 3, reason: 2 } },
      ]);
      const status = await registry.read.verifyCredential([1, 3, digestFor("beyond", 3), short.getProof(3) as Hex[]]);
      assert.equal(status.anchored, true);
      assert.equal(status.indexInRange, false, "still out of range: revoking never makes it valid");
      assert.equal(status.credentialRevokedAt, time);
      assert.equal(status.credentialRevocationReason, 2);
      await sent(registry.write.revokeCredential([1, root, MAX_UINT32, 1], asRegistrar));
      const [at] = await registry.read.getCredentialRevocation([1, root, MAX_UINT32]);
      assert.ok(at > 0, "the highest position there is");
      assert.equal((await registry.read.getBatch([1, root])).count, 500, "the batch is unchanged");
    });

    it("revokes one position of a root not anchored yet; the view reports it, and once anchored", async () => {
      const early = Array.from({ length: 4 }, (_, i) => digestFor("revoked early", i));
      const earlyTree = buildBatchTree(chainId, registry.address, 1, early);
      const earlyRoot = earlyTree.root as Hex;
      const view = (index: number) =>
        registry.read.verifyCredential([1, index, early[index] ?? ZERO32, proofOf(earlyTree, index)]);
      const { events, time } = await sent(registry.write.revokeCredential([1, earlyRoot, 2, 4], asIssuer));
      assert.deepEqual(events, [
        { eventName: "CredentialRevoked", args: { institutionId: 1, root: earlyRoot, index: 2, reason: 4 } },
      ]);
      assert.equal(await registry.read.isAnchored([1, earlyRoot]), false);
      assert.deepEqual(await registry.read.getCredentialRevocation([1, earlyRoot, 2]), [time, 4]);
      const before = await view(2);
      assert.equal(before.root, earlyRoot);
      assert.equal(before.anchored, false, "not anchored: never valid");
      assert.equal(before.indexInRange, false);
      assert.equal(before.identityVersion, 0);
      assert.equal(before.credentialRevokedAt, time);
      await rejects(
        registry.write.revokeCredential([1, earlyRoot, 2, 4], asRegistrar),
        "CredentialRegistryCredentialAlreadyRevoked",
        [1, earlyRoot, 2, time],
      );
      const { time: anchoredAt } = await sent(registry.write.anchorBatch([earlyRoot, 4], asIssuer));
      const after = await view(2);
      assert.equal(after.anchored && after.indexInRange && after.keyValidAtAnchoring, true);
      assert.equal(after.anchoredAt, anchoredAt);
      assert.equal(after.credentialRevokedAt, time, "the revocation from before anchoring");
      assert.equal(after.credentialRevocationReason, 4);
      assert.equal((await view(1)).credentialRevokedAt, 0, "its neighbour is not revoked");
      await rejects(
        registry.write.revokeCredentialRange([1, earlyRoot, 0, 4, 1], asIssuer),
        "CredentialRegistryCredentialAlreadyRevoked",
        [1, earlyRoot, 2, time],
      );
      // Another institution's key still may not revoke it, anchored or not.
      await rejects(
        registry.write.revokeCredential([1, hashOf("never anchored"), 0, 1], asOther),
        "CredentialRegistryUnauthorizedRevoker",
        [getAddress(otherIssuer.account.address), 1],
      );
    });

    it("revokes a strictly increasing list: event, each record, the view", async () => {
      const indexes = [0, 207, 208, 450];
      const { events, time } = await sent(registry.write.revokeCredentials([1, root, indexes, 5], asIssuer));
      assert.deepEqual(events, [
        { eventName: "CredentialsRevoked", args: { institutionId: 1, root, indexes, reason: 5 } },
      ]);
      for (const index of indexes) {
        assert.deepEqual(await registry.read.getCredentialRevocation([1, root, index]), [time, 5]);
        assert.equal((await viewOf(index)).credentialRevocationReason, 5);
      }
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 209]), [0, 0]);
    });

    it("rejects empty, oversized, unsorted and repeating lists", async () => {
      await rejects(registry.write.revokeCredentials([1, root, [], 1], asIssuer), "CredentialRegistryNoIndexes", []);
      const tooMany = Array.from({ length: 1001 }, (_, i) => i);
      await rejects(
        registry.write.revokeCredentials([1, root, tooMany, 1], asIssuer),
        "CredentialRegistryTooManyIndexes",
        [1001n, 1000n],
      );
      await rejects(
        registry.write.revokeCredentials([1, root, [30, 31, 31], 1], asIssuer),
        "CredentialRegistryIndexesNotIncreasing",
        [2n, 31],
      );
      await rejects(
        registry.write.revokeCredentials([1, root, [40, 39], 1], asIssuer),
        "CredentialRegistryIndexesNotIncreasing",
        [1n, 39],
      );
      const [revokedAt] = await registry.read.getCredentialRevocation([1, root, 207]);
      await rejects(
        registry.write.revokeCredentials([1, root, [206, 207], 1], asIssuer),
        "CredentialRegistryCredentialAlreadyRevoked",
        [1, root, 207, revokedAt],
      );
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 206]), [0, 0], "nothing half-done");
    });

    it("revokes a cohort, refusing an empty range or one that overlaps a revocation", async () => {
      await rejects(
        registry.write.revokeCredentialRange([1, root, 100, 0, 2], asIssuer),
        "CredentialRegistryNoIndexes",
        [],
      );
      const [revokedAt] = await registry.read.getCredentialRevocation([1, root, 450]);
      await rejects(
        registry.write.revokeCredentialRange([1, root, 440, 20, 2], asIssuer),
        "CredentialRegistryCredentialAlreadyRevoked",
        [1, root, 450, revokedAt],
      );
      // Positions 209 … 449: the contract keeps revocations in words of 208 positions, and this range ends one word
      // and starts another, next to positions revoked earlier at another time and for another reason.
      const { events, time } = await sent(registry.write.revokeCredentialRange([1, root, 209, 241, 2], asIssuer));
      assert.deepEqual(events, [
        {
          eventName: "CredentialRangeRevoked",
          args: { institutionId: 1, root, fromIndex: 209, count: 241, reason: 2 },
        },
      ]);
      for (const index of [209, 300, 415, 416, 449]) {
        assert.deepEqual(await registry.read.getCredentialRevocation([1, root, index]), [time, 2], `position ${index}`);
      }
      for (const index of [0, 207, 208, 450]) {
        assert.equal((await registry.read.getCredentialRevocation([1, root, index]))[1], 5, `position ${index}`);
      }
      assert.deepEqual(await registry.read.getCredentialRevocation([1, root, 451]), [0, 0]);
      assert.equal((await viewOf(300)).credentialRevocationReason, 2);
    });

    it("refuses a range that runs past the highest position without overflowing", async () => {
      const huge = hashOf("2^32 - 1 credentials");
      await waitFor(publicClient, registry.write.anchorBatch([huge, MAX_UINT32], asIssuer));
      await rejects(
        registry.write.revokeCredentialRange([1, huge, MAX_UINT32 - 1, 5, 1], asIssuer),
        "CredentialRegistryIndexOutOfRange",
        [BigInt(MAX_UINT32) + 3n, MAX_UINT32],
      );
      const { time } = await sent(registry.write.revokeCredentialRange([1, huge, MAX_UINT32 - 2, 2, 0], asIssuer));
      assert.deepEqual(await registry.read.getCredentialRevocation([1, huge, MAX_UINT32 - 1]), [time, 0]);
      assert.deepEqual(await registry.read.getCredentialRevocation([1, huge, MAX_UINT32]), [0, 0]);
    });

    it("revokes a whole batch once, reported by the view next to the credential's own revocation", async () => {
      const { events, time } = await sent(registry.write.revokeBatch([1, root, 4], asRegistrar));
      assert.deepEqual(events, [{ eventName: "BatchRevoked", args: { institutionId: 1, root, reason: 4 } }]);
      const batch = await registry.read.getBatch([1, root]);
      assert.equal(batch.revokedAt, time);
      assert.equal(batch.revocationReason, 4);
      const status = await viewOf(300);
      assert.equal(status.credentialRevocationReason, 2);
      assert.equal(status.batchRevokedAt, time);
      assert.equal(status.batchRevocationReason, 4);
      await rejects(registry.write.revokeBatch([1, root, 1], asIssuer), "CredentialRegistryBatchAlreadyRevoked", [
        1,
        root,
        time,
      ]);
      // Credentials of a revoked batch can still be revoked one by one (their own reason is kept).
      await waitFor(publicClient, registry.write.revokeCredential([1, root, 460, 1], asIssuer));
    });
  });

  describe("governance", () => {
    it("deploys only with a registrar", async () => {
      await rejects(
        fixture.connection.viem.deployContract("CredentialRegistry", [86_400, admin.account.address, zeroAddress]),
        "CredentialRegistryZeroAddress",
        [],
      );
    });

    it("reports its interface, OpenZeppelin's access control and ERC-165 through ERC-165", async () => {
      // `type(ICredentialRegistry).interfaceId`: the XOR of the selectors the interface declares itself (not those it
      // inherits from OpenZeppelin's IAccessControlDefaultAdminRules).
      const inherited = new Set([
        "hasRole",
        "getRoleAdmin",
        "grantRole",
        "revokeRole",
        "renounceRole",
        "defaultAdmin",
        "pendingDefaultAdmin",
        "defaultAdminDelay",
        "pendingDefaultAdminDelay",
        "defaultAdminDelayIncreaseWait",
        "beginDefaultAdminTransfer",
        "cancelDefaultAdminTransfer",
        "acceptDefaultAdminTransfer",
        "changeDefaultAdminDelay",
        "rollbackDefaultAdminDelay",
      ]);
      const { abi } = await artifacts.readArtifact("ICredentialRegistry");
      const own = abi.filter((item) => item.type === "function" && !inherited.has(item.name));
      const interfaceId = own
        .map((item) => Number.parseInt(toFunctionSelector(item as AbiFunction).slice(2), 16))
        .reduce((a, b) => (a ^ b) >>> 0, 0);
      const asBytes4 = (id: number) => toHex(id, { size: 4 });
      assert.equal(own.length, 33);
      assert.equal(await registry.read.supportsInterface([asBytes4(interfaceId)]), true);
      assert.equal(await registry.read.supportsInterface(["0x7965db0b"]), true, "IAccessControl");
      assert.equal(await registry.read.supportsInterface(["0x01ffc9a7"]), true, "IERC165");
      assert.equal(await registry.read.supportsInterface(["0xffffffff"]), false);
    });

    it("refuses granting the admin role directly and accepting a transfer early or from the wrong account", async () => {
      await rejects(
        registry.write.grantRole([ZERO32, stranger.account.address], { account: admin.account }),
        "AccessControlEnforcedDefaultAdminRules",
        [],
      );
      await waitFor(
        publicClient,
        registry.write.beginDefaultAdminTransfer([otherIssuer.account.address], { account: admin.account }),
      );
      await rejects(
        registry.write.acceptDefaultAdminTransfer({ account: otherIssuer.account }),
        "AccessControlEnforcedDefaultAdminDelay",
      );
      await rejects(
        registry.write.acceptDefaultAdminTransfer({ account: stranger.account }),
        "AccessControlInvalidDefaultAdmin",
        [getAddress(stranger.account.address)],
      );
      assert.equal(await registry.read.defaultAdmin(), getAddress(admin.account.address));
    });
  });

  it("provoked every custom error of the interface", () => {
    const errors = registry.abi
      .filter((item) => item.type === "error" && item.name.startsWith("CredentialRegistry"))
      .map((item) => (item as { name: string }).name);
    assert.deepEqual(
      errors.filter((name) => !provoked.has(name)),
      [],
    );
  });

  /** `admitInstitution` calldata whose name is `bytes` as they are (a `string` is ABI-encoded as `bytes`). */
  function admitWithRawName(name: Uint8Array): Hex {
    const profile = { ...INSTITUTION_PROFILE, issuerId: "did:web:utf8.example" };
    const selector = encodeFunctionData({ abi: registry.abi, functionName: "admitInstitution", args: [profile] });
    const encoded = encodeAbiParameters(
      [
        {
          type: "tuple",
          components: [
            { name: "name", type: "bytes" },
            { name: "issuerId", type: "string" },
            { name: "country", type: "bytes2" },
            { name: "website", type: "string" },
            { name: "metadataURI", type: "string" },
            { name: "metadataHash", type: "bytes32" },
          ],
        },
      ],
      [{ ...profile, name: toHex(name) }],
    );
    return `${selector.slice(0, 10)}${encoded.slice(2)}` as Hex;
  }
});

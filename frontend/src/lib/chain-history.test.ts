import { describe, expect, it } from "vitest";
import { identityVersions, type InstitutionEvent } from "./chain-history.ts";

const tx = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

describe("identityVersions", () => {
  it("lists each issuer identity version once, as the event that recorded it, oldest first", () => {
    const history: InstitutionEvent[] = [
      {
        kind: "admitted",
        blockNumber: 10n,
        transactionHash: tx(1),
        time: 1_000,
        identity: { version: 1, name: "Universidad de Ejemplo", issuerId: "did:web:ue.example" },
      },
      { kind: "key-added", blockNumber: 11n, transactionHash: tx(2), detail: "0xkey" },
      // A website change: same identity, same version.
      {
        kind: "updated",
        blockNumber: 12n,
        transactionHash: tx(3),
        time: 1_200,
        identity: { version: 1, name: "Universidad de Ejemplo", issuerId: "did:web:ue.example" },
      },
      {
        kind: "updated",
        blockNumber: 13n,
        transactionHash: tx(4),
        time: 1_300,
        identity: { version: 2, name: "Universidad Nacional de Ejemplo", issuerId: "did:web:ue.example" },
      },
      { kind: "suspended", blockNumber: 14n, transactionHash: tx(5) },
      {
        kind: "updated",
        blockNumber: 15n,
        transactionHash: tx(6),
        identity: { version: 3, name: "Universidad Nacional de Ejemplo", issuerId: "https://une.example" },
      },
    ];
    expect(identityVersions(history)).toEqual([
      {
        version: 1,
        name: "Universidad de Ejemplo",
        issuerId: "did:web:ue.example",
        blockNumber: 10n,
        transactionHash: tx(1),
        time: 1_000,
      },
      {
        version: 2,
        name: "Universidad Nacional de Ejemplo",
        issuerId: "did:web:ue.example",
        blockNumber: 13n,
        transactionHash: tx(4),
        time: 1_300,
      },
      {
        version: 3,
        name: "Universidad Nacional de Ejemplo",
        issuerId: "https://une.example",
        blockNumber: 15n,
        transactionHash: tx(6),
      },
    ]);
  });

  it("is empty for a history without admission or update", () => {
    expect(identityVersions([{ kind: "withdrawn", blockNumber: 1n, transactionHash: tx(1) }])).toEqual([]);
  });
});

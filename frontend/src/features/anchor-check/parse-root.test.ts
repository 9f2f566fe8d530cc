import { describe, expect, it } from "vitest";
import { parseRoot } from "./parse-root.ts";

const root = `0x${"ab".repeat(32)}`;

describe("parseRoot", () => {
  it("accepts 64 hex digits with 0x and normalises to lower case", () => {
    expect(parseRoot(root.toUpperCase().replace("0X", "0x"))).toEqual({ ok: true, root });
  });
  it("accepts a root without 0x and with surrounding whitespace", () => {
    expect(parseRoot(`  ${"ab".repeat(32)}\n`)).toEqual({ ok: true, root });
  });
  it("rejects an empty paste", () => {
    expect(parseRoot("   ")).toEqual({ ok: false, problem: "empty" });
  });
  it("rejects characters that are not hexadecimal", () => {
    expect(parseRoot(`0x${"zz".repeat(32)}`)).toEqual({ ok: false, problem: "not-hex" });
  });
  it("rejects a value of the wrong length", () => {
    expect(parseRoot(`0x${"ab".repeat(31)}`)).toEqual({ ok: false, problem: "wrong-length" });
    expect(parseRoot(`0x${"ab".repeat(33)}`)).toEqual({ ok: false, problem: "wrong-length" });
  });
});

import { describe, expect, it } from "vitest";
import { parseStatusInput } from "./status-input.ts";

const value = `0x${"ab".repeat(32)}`;

describe("parseStatusInput", () => {
  it("accepts 64 hex digits with 0x and normalises to lower case", () => {
    expect(parseStatusInput(value.toUpperCase().replace("0X", "0x"))).toEqual({ ok: true, value });
  });
  it("accepts a value without 0x and with surrounding whitespace", () => {
    expect(parseStatusInput(`  ${"ab".repeat(32)}\n`)).toEqual({ ok: true, value });
  });
  it("rejects an empty paste", () => {
    expect(parseStatusInput("   ")).toEqual({ ok: false, problem: "empty" });
  });
  it("rejects characters that are not hexadecimal", () => {
    expect(parseStatusInput(`0x${"zz".repeat(32)}`)).toEqual({ ok: false, problem: "not-hex" });
  });
  it("rejects a value of the wrong length", () => {
    expect(parseStatusInput(`0x${"ab".repeat(31)}`)).toEqual({ ok: false, problem: "wrong-length" });
    expect(parseStatusInput(`0x${"ab".repeat(33)}`)).toEqual({ ok: false, problem: "wrong-length" });
  });
});

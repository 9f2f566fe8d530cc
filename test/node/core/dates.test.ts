import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { credentialFor } from "../../../core/credential.ts";
import { isCalendarDay } from "../../../core/dates.ts";
import { isDateTime, parseCalendarDate, parseDate, parseDateTime, prepareCourse } from "../../../core/index.ts";
import { readTemplate } from "../../helpers/golden.ts";

describe("dates (the one home of date parsing)", () => {
  it("refuses days that do not exist, which Date.parse rolls over into the next month", () => {
    for (const impossible of [
      "2026-02-30T00:00:00Z",
      "2026-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2026-04-31T12:00:00+02:00",
      "2026-06-31T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-01-00T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T23:60:00Z",
      "2016-12-31T23:59:60Z",
      "2026-01-01T00:00:00+24:00",
    ]) {
      assert.equal(parseDateTime(impossible), undefined, impossible);
      assert.equal(isDateTime(impossible), false, impossible);
    }
    assert.ok(!Number.isNaN(Date.parse("2026-02-30T00:00:00Z")), "the behaviour this module guards against");
  });

  it("accepts real RFC 3339 date-times, with the time Date.parse gives them", () => {
    for (const real of [
      "2024-02-29T00:00:00Z",
      "2000-02-29T23:59:59.999Z",
      "2026-12-31T23:59:59-03:00",
      "2026-07-01T00:00:00.123456789+05:45",
    ]) {
      assert.equal(parseDateTime(real), Date.parse(real), real);
    }
  });

  it("refuses other formats and other types", () => {
    for (const other of [
      "2026-07-01",
      "2026-07-01 00:00:00Z",
      "2026-07-01t00:00:00z",
      "2026-07-01T00:00Z",
      "2026-07-01T00:00:00+0100",
      "2026-07-01T00:00:00",
      " 2026-07-01T00:00:00Z",
      "+002026-07-01T00:00:00Z",
    ]) {
      assert.equal(parseDateTime(other), undefined, other);
    }
    for (const value of [undefined, null, 1_780_000_000_000, {}, ["2026-07-01T00:00:00Z"]]) {
      assert.equal(parseDateTime(value), undefined);
    }
  });

  it("agrees with the calendar for every day of every month, leap years included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const date = new Date(0);
          date.setUTCFullYear(y, m - 1, d);
          const exists = date.getUTCMonth() === m - 1;
          assert.equal(isCalendarDay(y, m, d), exists);
          const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          assert.equal(parseCalendarDate(text), exists ? date.getTime() : undefined);
          assert.equal(parseDateTime(`${text}T00:00:00Z`), exists ? date.getTime() : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is what issuance uses: an impossible validFrom or completion date is refused before anything is built", () => {
    const template = readTemplate("analise-de-dados");
    const issuer = { id: "did:web:x.example", name: "X", country: "BR", website: "https://x.example" };
    assert.throws(() => prepareCourse(template, issuer, { validFrom: "2026-02-30T00:00:00Z" }), /real day/);
    assert.throws(
      () => prepareCourse(template, issuer, { validFrom: "2026-02-01T00:00:00Z", validUntil: "2026-04-31T00:00:00Z" }),
      /real day/,
    );
    const course = prepareCourse(template, issuer, { validFrom: "2026-02-28T00:00:00Z" });
    const learner = { id: "L-1", name: "Ana", completedOn: "2026-02-30" };
    assert.throws(() => credentialFor(course, learner, "urn:uuid:1"), /completedOn must be a real YYYY-MM-DD day/);
    assert.doesNotThrow(() => credentialFor(course, { ...learner, completedOn: "2026-02-28" }, "urn:uuid:1"));
  });

  it("is what the credential card shows: an impossible date stays as written, never another day", () => {
    assert.equal(parseDate("2026-02-30T00:00:00Z"), undefined);
    assert.equal(parseDate("2026-02-30"), undefined);
    assert.equal(parseDate("2026-02-28")?.toISOString(), "2026-02-28T00:00:00.000Z");
  });
});

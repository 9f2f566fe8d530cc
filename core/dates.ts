/**
 * The one place Acredita reads dates. Every date anything checks — a credential's `validFrom`/`validUntil`, the
 * issue command's options, a learner's completion date, a key's compromise time — goes through here, so that what
 * issuance accepts verification accepts too, and nothing rolls an impossible date over.
 *
 * A date-time is RFC 3339 as Verifiable Credentials use it (an XSD `dateTimeStamp`):
 * `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, upper-case `T` and `Z`, a real calendar day (30 February, 31 April and
 * 29 February outside leap years are refused, where `Date.parse` silently moves them into March or May), hours
 * 00–23, minutes and seconds 00–59 (no leap second: a JavaScript time cannot hold one), offsets up to ±23:59.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether `year`-`month`-`day` (month 1–12) is a day of the Gregorian calendar. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * The time (milliseconds since the Unix epoch) of an RFC 3339 date-time, or undefined when `value` is not one —
 * not a string, another format, or a day or time that does not exist (see the module comment).
 */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [match[8], match[9]].map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
  ];
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Whether `value` is an RFC 3339 date-time of a real day and time ({@link parseDateTime}). */
export function isDateTime(value: unknown): value is string {
  return parseDateTime(value) !== undefined;
}

/** Midnight UTC of a `YYYY-MM-DD` calendar date (milliseconds), or undefined when `value` is not a real day. */
export function parseCalendarDate(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = DATE.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  if (!isCalendarDay(year, month, day)) return undefined;
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

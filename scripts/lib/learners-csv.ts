/**
 * The learners spreadsheet, read strictly: RFC 4180 CSV in UTF-8 with a header row. Every problem names the line
 * and the column; all problems are collected and reported together, so one run shows everything to fix.
 *
 * Columns: learner_id, name, completed_on (YYYY-MM-DD) are required; email, country (ISO 3166-1 alpha-2) and
 * grade are optional. Unknown columns are refused (a misspelt header would silently drop data). Values not in
 * Unicode NFC are normalized to NFC (the same name must hash the same whichever keyboard typed it) and listed.
 */
import { parse } from "csv-parse/sync";
import { parseCalendarDate } from "../../core/dates.ts";
import type { LearnerRecord } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";

const REQUIRED = ["learner_id", "name", "completed_on"] as const;
const OPTIONAL = ["email", "country", "grade"] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export interface LearnersReport {
  learners: LearnerRecord[];
  /** The file line of each learner (1-based; the header is line 1). */
  lines: number[];
  /** Values that were normalized to NFC. */
  normalized: { line: number; column: string }[];
}

const MAX_SHOWN = 25;

function fail(file: string, problems: string[]): never {
  const shown = problems.slice(0, MAX_SHOWN).map((p) => `  ${p}`);
  if (problems.length > MAX_SHOWN) shown.push(`  … and ${problems.length - MAX_SHOWN} more`);
  throw new CliError(
    `${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was issued:\n${shown.join("\n")}`,
    { hint: "Fix the spreadsheet and run the same command again." },
  );
}

function validDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

/** Parses and validates a learners CSV (`file` is only used in messages). */
export function parseLearners(text: string, file: string): LearnersReport {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Spreadsheets and hand edits mix line endings; any of the three ends a record.
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as typeof rows;
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const line = e.lines ?? 0;
    const why =
      e.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted field is never closed"
        : e.code === "CSV_INVALID_CLOSING_QUOTE" || e.code === "INVALID_OPENING_QUOTE"
          ? 'a quote appears inside an unquoted field, or text follows a closing quote (double the quote: "")'
          : (e.message ?? "malformed CSV");
    fail(file, [`line ${line}: ${why}`]);
  }
  const header = rows[0];
  if (header === undefined) fail(file, ["the file is empty: expected a header row (learner_id,name,completed_on,…)"]);
  const problems: string[] = [];
  const names = header.record.map((h) => h.trim().toLowerCase());
  names.forEach((name, i) => {
    if (!KNOWN.has(name))
      problems.push(
        `line 1, column ${i + 1}: unknown column "${header.record[i] ?? ""}" (expected ${[...KNOWN].join(", ")})`,
      );
    else if (names.indexOf(name) !== i) problems.push(`line 1, column ${i + 1}: the column ${name} appears twice`);
  });
  for (const required of REQUIRED) {
    if (!names.includes(required)) problems.push(`line 1: the required column ${required} is missing`);
  }
  if (problems.length > 0) fail(file, problems);
  const at = (name: string) => names.indexOf(name);

  const learners: LearnerRecord[] = [];
  const lines: number[] = [];
  const normalized: LearnersReport["normalized"] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    if (record.length !== names.length) {
      problems.push(`line ${line}: ${record.length} fields, but the header has ${names.length}`);
      continue;
    }
    const value = (column: string): string => {
      const index = at(column);
      if (index < 0) return "";
      const raw = (record[index] ?? "").trim();
      if (CONTROL.test(raw)) problems.push(`line ${line}, column ${column}: contains a control character`);
      const nfc = raw.normalize("NFC");
      if (nfc !== raw) normalized.push({ line, column });
      return nfc;
    };
    const id = value("learner_id");
    const name = value("name");
    const email = value("email");
    const country = value("country");
    const completed = value("completed_on");
    const grade = value("grade");
    if (id === "") problems.push(`line ${line}, column learner_id: empty`);
    else if (/\s/.test(id)) problems.push(`line ${line}, column learner_id: "${id}" contains a space`);
    if (name === "") problems.push(`line ${line}, column name: empty`);
    if (email !== "" && !EMAIL.test(email))
      problems.push(`line ${line}, column email: "${email}" is not an e-mail address`);
    if (country !== "" && !/^[A-Za-z]{2}$/.test(country))
      problems.push(`line ${line}, column country: "${country}" is not a two-letter country code`);
    if (!validDate(completed))
      problems.push(`line ${line}, column completed_on: "${completed}" is not a date (YYYY-MM-DD)`);
    if (id !== "") {
      const first = seen.get(id);
      if (first !== undefined)
        problems.push(`line ${line}, column learner_id: learner ${id} already appears on line ${first}`);
      else seen.set(id, line);
    }
    const learner: LearnerRecord = { id, name, completedOn: completed };
    if (email !== "") learner.email = email;
    if (country !== "") learner.country = country.toUpperCase();
    if (grade !== "") learner.grade = grade;
    learners.push(learner);
    lines.push(line);
  }
  if (problems.length > 0) fail(file, problems);
  if (learners.length === 0) fail(file, ["no learners: the file has a header row only"]);
  return { learners, lines, normalized };
}

/**
 * The learners spreadsheet, read strictly: RFC 4180 CSV in UTF-8 with a header row, its fields separated by commas,
 * semicolons (what Excel writes in Spanish and Portuguese locales) or tabs, detected from the header or named; or
 * the rows of an XLSX sheet (learners-xlsx.ts), checked by the same rules. Every problem names the line (row) and
 * the column; all problems are collected and reported together, so one run shows everything to fix.
 *
 * Columns: learner_id, name, completed_on (YYYY-MM-DD) are required; email, country (ISO 3166-1 alpha-2) and
 * grade are optional. Unknown columns are refused (a misspelt header would silently drop data). Values not in
 * Unicode NFC are normalized to NFC (the same name must hash the same whichever keyboard typed it) and listed.
 */
import { parse } from "csv-parse/sync";
import { parseCalendarDate } from "../../core/dates.ts";
import { isEmailAddress, type LearnerRecord } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";

const REQUIRED = ["learner_id", "name", "completed_on"] as const;
const OPTIONAL = ["email", "country", "grade"] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
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

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];
const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** The value of --delimiter: the character itself, or its name (comma, semicolon, tab). */
export function parseDelimiter(option: string): Delimiter {
  const names: Record<string, Delimiter> = { ",": ",", comma: ",", ";": ";", semicolon: ";", "\\t": "\t", tab: "\t" };
  const delimiter = option === "\t" ? "\t" : names[option.trim().toLowerCase()];
  if (delimiter === undefined)
    throw new CliError(`--delimiter must be comma, semicolon or tab (or the character itself), not "${option}"`);
  return delimiter;
}

export function delimiterName(delimiter: Delimiter): string {
  return DELIMITER_NAMES[delimiter];
}

/**
 * The delimiter of the header row: the one that splits it into the most known column names; when none gives a
 * known name, the one that appears most (so the unknown columns reported are the ones the author meant).
 */
export function detectDelimiter(text: string): Delimiter {
  const header = (
    text
      .replace(/^\uFEFF/, "")
      .split(/\r\n|\n|\r/)
      .find((l) => l.trim() !== "") ?? ""
  ).toLowerCase();
  let best: Delimiter = ",";
  let bestKnown = -1;
  let bestCount = -1;
  for (const delimiter of DELIMITERS) {
    const parts = header.split(delimiter);
    const known = parts.filter((p) => KNOWN.has(p.trim().replace(/^"|"$/g, "").trim())).length;
    const count = parts.length - 1;
    if (known > bestKnown || (known === bestKnown && count > bestCount)) {
      best = delimiter;
      bestKnown = known;
      bestCount = count;
    }
  }
  return best;
}

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

/** A row of the spreadsheet, with its line (CSV) or row number (XLSX), 1-based. */
export interface SheetRow {
  record: string[];
  line: number;
}

/**
 * Parses and validates a learners CSV (`file` is only used in messages). `delimiter`: as named by --delimiter;
 * detected from the header row when absent.
 */
export function parseLearners(
  text: string,
  file: string,
  delimiter?: Delimiter,
): LearnersReport & { delimiter: Delimiter } {
  const used = delimiter ?? detectDelimiter(text);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: used,
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
    const detected = detectDelimiter(text);
    const hint =
      detected === used
        ? ""
        : `; the header looks separated by ${delimiterName(detected)}s, not ${delimiterName(used)}s (--delimiter ${delimiterName(detected)})`;
    fail(file, [`line ${line}: ${why}${hint}`]);
  }
  const report = validateLearnerRows(
    rows.map(({ record, info }) => ({ record, line: info.lines })),
    file,
    "line",
    used,
  );
  return { ...report, delimiter: used };
}

/**
 * Checks the rows of a learners sheet (the first is the header): every problem, each with its line (or row) and
 * column. `delimiter` is the CSV's, for a hint when a whole header reads as one unknown column.
 */
export function validateLearnerRows(
  rows: readonly SheetRow[],
  file: string,
  unit: "line" | "row",
  delimiter?: Delimiter,
): LearnersReport {
  const header = rows[0];
  if (header === undefined) fail(file, ["the file is empty: expected a header row (learner_id,name,completed_on,…)"]);
  const problems: string[] = [];
  const names = header.record.map((h) => h.trim().toLowerCase());
  names.forEach((name, i) => {
    if (!KNOWN.has(name)) {
      const other = DELIMITERS.find((d) => d !== delimiter && name.includes(d));
      const hint =
        delimiter !== undefined && other !== undefined
          ? `; the header is read as separated by ${delimiterName(delimiter)}s but contains ${delimiterName(other)}s: is it? (--delimiter ${delimiterName(other)})`
          : "";
      problems.push(
        `${unit} ${header.line}, column ${i + 1}: unknown column "${header.record[i] ?? ""}" (expected ${[...KNOWN].join(", ")})${hint}`,
      );
    } else if (names.indexOf(name) !== i)
      problems.push(`${unit} ${header.line}, column ${i + 1}: the column ${name} appears twice`);
  });
  for (const required of REQUIRED) {
    if (!names.includes(required)) problems.push(`${unit} ${header.line}: the required column ${required} is missing`);
  }
  if (problems.length > 0) fail(file, problems);
  const at = (name: string) => names.indexOf(name);

  const learners: LearnerRecord[] = [];
  const lines: number[] = [];
  const normalized: LearnersReport["normalized"] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of rows.slice(1)) {
    if (record.length !== names.length) {
      problems.push(`${unit} ${line}: ${record.length} fields, but the header has ${names.length}`);
      continue;
    }
    const value = (column: string): string => {
      const index = at(column);
      if (index < 0) return "";
      const raw = (record[index] ?? "").trim();
      if (CONTROL.test(raw)) problems.push(`${unit} ${line}, column ${column}: contains a control character`);
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
    if (id === "") problems.push(`${unit} ${line}, column learner_id: empty`);
    else if (/\s/.test(id)) problems.push(`${unit} ${line}, column learner_id: "${id}" contains a space`);
    if (name === "") problems.push(`${unit} ${line}, column name: empty`);
    if (email !== "" && !isEmailAddress(email))
      problems.push(`${unit} ${line}, column email: "${email}" is not an e-mail address`);
    if (country !== "" && !/^[A-Za-z]{2}$/.test(country))
      problems.push(`${unit} ${line}, column country: "${country}" is not a two-letter country code`);
    if (!validDate(completed))
      problems.push(`${unit} ${line}, column completed_on: "${completed}" is not a date (YYYY-MM-DD)`);
    if (id !== "") {
      const first = seen.get(id);
      if (first !== undefined)
        problems.push(`${unit} ${line}, column learner_id: learner ${id} already appears on ${unit} ${first}`);
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

/**
 * Learner spreadsheets (CSV, RFC 4180: quoted fields, doubled quotes, CRLF or LF) into learner records.
 * Columns: learner_id, name, email, country, completed_on, grade (email, country and grade optional).
 */
import type { LearnerRecord } from "./credential.ts";
import { AcreditaError } from "./errors.ts";

function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // tolerate a UTF-8 BOM
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new AcreditaError("CREDENTIAL_INVALID_LEARNER", "unterminated quoted field in the CSV");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/** Parses a learners CSV; throws CREDENTIAL_INVALID_LEARNER naming the line and column on bad input. */
export function parseLearnersCsv(text: string): LearnerRecord[] {
  const [header, ...rows] = parseCsvRows(text);
  if (header === undefined) throw new AcreditaError("CREDENTIAL_INVALID_LEARNER", "the CSV is empty");
  const names = header.map((h) => h.trim().toLowerCase());
  const column = (name: string, required: boolean): number => {
    const index = names.indexOf(name);
    if (index < 0 && required) {
      throw new AcreditaError("CREDENTIAL_INVALID_LEARNER", `the CSV lacks the column ${name}`, { column: name });
    }
    return index;
  };
  const id = column("learner_id", true);
  const name = column("name", true);
  const email = column("email", false);
  const country = column("country", false);
  const completed = column("completed_on", true);
  const grade = column("grade", false);
  return rows.map((cells, r) => {
    const line = r + 2;
    if (cells.length !== names.length) {
      throw new AcreditaError(
        "CREDENTIAL_INVALID_LEARNER",
        `line ${line} has ${cells.length} columns, expected ${names.length}`,
        {
          line,
        },
      );
    }
    const get = (index: number): string | undefined => (index < 0 ? undefined : cells[index]?.trim());
    const optional = (index: number): string | undefined => {
      const value = get(index);
      return value === undefined || value === "" ? undefined : value;
    };
    const record: LearnerRecord = { id: get(id) ?? "", name: get(name) ?? "", completedOn: get(completed) ?? "" };
    const e = optional(email);
    if (e !== undefined) record.email = e;
    const c = optional(country);
    if (c !== undefined) record.country = c;
    const g = optional(grade);
    if (g !== undefined) record.grade = g;
    return record;
  });
}

/**
 * The learners spreadsheet as Excel saves it (.xlsx): the first sheet, read with read-excel-file (maintained,
 * no prototype-pollution advisories, unlike the npm `xlsx` 0.18 line), then checked by the same rules as a CSV
 * (learners-csv.ts), with every problem named by row and column. Cells typed as dates become YYYY-MM-DD; numbers
 * are written as they read (a grade of 9.5 stays "9.5"), so nobody has to "Save as CSV UTF-8" first.
 */
import { CliError, messageOf } from "./cli-error.ts";
import { type LearnersReport, type SheetRow, validateLearnerRows } from "./learners-csv.ts";

export function isXlsx(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const iso = value.toISOString();
    // A date cell holds a day (at midnight UTC as read); anything else keeps its time and fails as "not a date".
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Reads and validates the learners of an .xlsx file (its first sheet). */
export async function readLearnersXlsx(bytes: Buffer, file: string): Promise<LearnersReport> {
  const { readSheet } = await import("read-excel-file/node");
  let data: unknown[][];
  try {
    data = await readSheet(bytes);
  } catch (error) {
    throw new CliError(`${file} cannot be read as an Excel workbook (.xlsx): ${messageOf(error)}`, {
      hint: "Open it in your spreadsheet program and save it again as “Excel Workbook (.xlsx)”, or as CSV UTF-8.",
    });
  }
  const rows: SheetRow[] = [];
  data.forEach((cells, index) => {
    const record = cells.map(cellText);
    // Rows left blank between learners are skipped, as blank lines are in a CSV.
    if (record.every((c) => c.trim() === "")) return;
    // Trailing empty cells (a column formatted but never typed in) are not fields.
    while (record.length > 0 && record.at(-1)?.trim() === "") record.pop();
    rows.push({ record, line: index + 1 });
  });
  const header = rows[0];
  if (header !== undefined) {
    // Each learner row is as wide as the header: empty trailing cells are empty values, not missing fields.
    for (const row of rows.slice(1)) while (row.record.length < header.record.length) row.record.push("");
  }
  return validateLearnerRows(rows, file, "row");
}

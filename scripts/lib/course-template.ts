/**
 * A course template checked strictly, before anything touches the chain: every key must be one the template
 * knows (an unknown one is named with the closest known key: "did you mean stackableInto?"), every value must
 * have the right type (named by its JSON path), and every problem is listed at once, as the learners CSV's are.
 * The shape is core's {@link courseTemplateSchema}; this module only adds the walk for unknown keys and the words.
 */
import { z } from "zod";
import { courseTemplateSchema } from "../../core/index.ts";

/** The Levenshtein distance between `a` and `b` (case-insensitive): a few dozen characters at most. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The known word closest to `word`, when it is close enough to be a typo: at most a third of its letters
 * different (at least 2), or one a prefix of the other ("stackable" → "stackableInto").
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const lower = key.toLowerCase();
    const typed = word.toLowerCase();
    const prefix = typed.length >= 4 && (lower.startsWith(typed) || typed.startsWith(lower));
    const distance = prefix ? Math.min(1, editDistance(word, key)) : editDistance(word, key);
    if (!prefix && distance > Math.max(2, Math.floor(word.length / 3))) continue;
    if (best === undefined || distance < best.distance) best = { key, distance };
  }
  return best?.key;
}

type Path = readonly (string | number)[];

/** "microcredential.workloadHours", "learningOutcomes[1]", "(the template)" for the root. */
export function jsonPath(path: Path): string {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : text === "" ? part : `.${part}`;
  return text === "" ? "(the template)" : text;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every object key the schema knows, with its path ("microcredential.workloadHours"), for keys put at the wrong level. */
function knownPaths(schema: z.ZodType, path: string[] = []): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = inner.shape;
    for (const [key, child] of Object.entries(shape)) {
      const here = [...path, key];
      found.set(key, [...(found.get(key) ?? []), here.join(".")]);
      for (const [k, paths] of knownPaths(child, here)) found.set(k, [...(found.get(k) ?? []), ...paths]);
    }
  }
  return found;
}

const KNOWN_PATHS = knownPaths(courseTemplateSchema);

/** The unknown keys of `value` at any level, each with a suggestion when one is close. */
function unknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[], problems: string[]): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const [key, child] of Object.entries(value)) {
      const childSchema = shape[key];
      if (childSchema !== undefined) {
        unknownKeys(childSchema, child, [...path, key], problems);
        continue;
      }
      const where = jsonPath([...path, key]);
      const typo = closest(key, known);
      const elsewhere = KNOWN_PATHS.get(key);
      const typoElsewhere = closest(key, [...KNOWN_PATHS.keys()]);
      const hint =
        typo !== undefined
          ? `did you mean "${typo}"?`
          : elsewhere !== undefined
            ? `it belongs at ${elsewhere.join(" or ")}`
            : typoElsewhere !== undefined
              ? `did you mean ${(KNOWN_PATHS.get(typoElsewhere) ?? []).join(" or ")}?`
              : `the keys here are ${known.join(", ")}`;
      problems.push(`${where}: unknown key — ${hint}`);
    }
  } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => {
      unknownKeys(inner.element as z.ZodType, item, [...path, i], problems);
    });
  }
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `the number ${String(value)}`;
  if (typeof value === "boolean") return String(value);
  return "an object";
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/**
 * Every problem of a course template, as lines "<JSON path>: <what is wrong>": unknown keys (with "did you
 * mean"), wrong types and values out of range. Empty when the template has the right shape (its
 * microcredential elements are checked after, by core's prepareCourse).
 */
export function templateProblems(template: unknown): string[] {
  if (!isObject(template)) return [`(the template): expected a JSON object, got ${describe(template)}`];
  const problems: string[] = [];
  unknownKeys(courseTemplateSchema, template, [], problems);
  const parsed = courseTemplateSchema.safeParse(template);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = jsonPath(issue.path as Path);
      const value = valueAt(template, issue.path as Path);
      if (issue.code === "invalid_type") {
        const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
        problems.push(
          value === undefined
            ? `${where}: missing (${expected} is required)`
            : `${where}: expected ${expected}, got ${describe(value)}`,
        );
      } else if (issue.code === "invalid_value") {
        problems.push(
          `${where}: must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${describe(value)}`,
        );
      } else if (issue.code === "too_small" && issue.origin === "string") {
        problems.push(`${where}: must not be empty`);
      } else {
        problems.push(`${where}: ${issue.message} (${describe(value)})`);
      }
    }
  }
  return problems;
}

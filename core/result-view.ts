/**
 * A learner's results as the credential view shows them (credential-view.ts): each `Result` joined with its
 * `ResultDescription` by id, the rubric level reached looked up in the description's levels, and the alignments to
 * external frameworks of results, descriptions and achievements.
 */
import {
  defined,
  displayText,
  get,
  linkOrText,
  markdown,
  type Markdown,
  type Obj,
  objects,
  texts,
} from "./display-values.ts";
import {
  RESULT_STATUSES,
  RESULT_TYPES,
  type ResultStatus,
  type ResultType,
  vocabulary,
  type VocabularyValue,
} from "./ob3-vocabulary.ts";

/** An `Alignment`: a link from the achievement (or a result) to an external framework's node. */
export interface AlignmentView {
  name?: string;
  framework?: string;
  code?: string;
  description?: Markdown;
  targetType?: string;
  /** `targetUrl` when it is https (a link); otherwise see {@link urlText}. */
  url?: string;
  /** `targetUrl` as text when it may not be a link. */
  urlText?: string;
}

export interface RubricLevelView {
  id?: string;
  name?: string;
  level?: string;
  description?: Markdown;
  points?: string;
}

/** A `ResultDescription`: what a result measures and on which scale. */
export interface ResultDescriptionView {
  id?: string;
  name?: string;
  resultType?: VocabularyValue<ResultType>;
  valueMin?: string;
  valueMax?: string;
  allowedValues: string[];
  requiredValue?: string;
  /** The required rubric level: its name when the description defines it, else its id. */
  requiredLevel?: string;
  levels: RubricLevelView[];
  alignments: AlignmentView[];
}

/** One `Result` of the learner, joined with its `ResultDescription` by id. */
export interface ResultView {
  value?: string;
  status?: VocabularyValue<ResultStatus>;
  /** The rubric level reached (looked up in the description's levels; else only its id). */
  achievedLevel?: RubricLevelView;
  /** The description this result points at, when the achievement defines it. */
  description?: ResultDescriptionView;
  /** The `resultDescription` id the result names but the achievement does not define. */
  unresolvedDescription?: string;
  alignments: AlignmentView[];
}

function alignmentView(o: Obj): AlignmentView {
  const target = linkOrText(get(o, "targetUrl"));
  return defined({
    name: displayText(get(o, "targetName")),
    framework: displayText(get(o, "targetFramework")),
    code: displayText(get(o, "targetCode")),
    description: markdown(get(o, "targetDescription")),
    targetType: displayText(get(o, "targetType"), 200),
    url: target.url,
    urlText: target.text,
  });
}

/** The alignments of `value` (one or a list), the empty ones left out. */
export function alignments(value: unknown): AlignmentView[] {
  return objects(value)
    .map(alignmentView)
    .filter((a) => Object.keys(a).length > 0);
}

function levelView(o: Obj): RubricLevelView {
  return defined({
    id: displayText(get(o, "id")),
    name: displayText(get(o, "name")),
    level: displayText(get(o, "level")),
    description: markdown(get(o, "description")),
    points: displayText(get(o, "points")),
  });
}

/** A `ResultDescription`'s view. */
export function resultDescriptionView(o: Obj): ResultDescriptionView {
  const levels = objects(get(o, "rubricCriterionLevel")).map(levelView);
  const requiredLevelId = displayText(get(o, "requiredLevel"));
  const requiredLevel = levels.find((l) => l.id !== undefined && l.id === requiredLevelId);
  return defined({
    id: displayText(get(o, "id")),
    name: displayText(get(o, "name")),
    resultType: vocabulary(RESULT_TYPES, get(o, "resultType")),
    valueMin: displayText(get(o, "valueMin")),
    valueMax: displayText(get(o, "valueMax")),
    allowedValues: texts(get(o, "allowedValue")),
    requiredValue: displayText(get(o, "requiredValue")),
    requiredLevel: requiredLevel?.name ?? requiredLevel?.level ?? requiredLevelId,
    levels,
    alignments: alignments(get(o, "alignment")),
  });
}

/** A `Result`'s view, joined with the achievement's result `descriptions`. */
export function resultView(o: Obj, descriptions: ResultDescriptionView[]): ResultView {
  const ref = displayText(get(o, "resultDescription"));
  const description = ref === undefined ? undefined : descriptions.find((d) => d.id === ref);
  const levelId = displayText(get(o, "achievedLevel"));
  const level =
    levelId === undefined
      ? undefined
      : (description?.levels.find((l) => l.id === levelId) ??
        // A level defined by another description of the same achievement is still that level.
        descriptions.flatMap((d) => d.levels).find((l) => l.id === levelId) ?? { id: levelId });
  return defined({
    value: displayText(get(o, "value")),
    status: vocabulary(RESULT_STATUSES, get(o, "status"), true),
    achievedLevel: level,
    description,
    unresolvedDescription: description === undefined ? ref : undefined,
    alignments: alignments(get(o, "alignment")),
  });
}

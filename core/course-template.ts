/**
 * What an institution writes to issue a course's credentials (see samples/): the course template — an OB3
 * Achievement plus the microcredential elements — and the issuer profile. Checked once per batch by
 * `prepareCourse` (credential.ts); the CLI adds its own walk for unknown keys (scripts/lib/course-template.ts).
 */
import { z } from "zod";

const nonEmpty = z.string().trim().min(1);

/** A course template: an OB3 Achievement plus the microcredential elements (see samples/). */
export const courseTemplateSchema = z.object({
  id: nonEmpty,
  type: z.array(z.string()).optional(),
  achievementType: z.literal("MicroCredential").optional(),
  name: nonEmpty,
  description: nonEmpty,
  criteria: z.object({ narrative: nonEmpty.optional(), id: nonEmpty.optional() }),
  inLanguage: nonEmpty.optional(),
  creditsAvailable: z.number().nonnegative().optional(),
  fieldOfStudy: nonEmpty.optional(),
  learningOutcomes: z.array(nonEmpty).optional(),
  /**
   * The issuer the template was written for (an id, or an object with one). Never copied into a credential: the
   * issuer comes from the registry, and the CLI refuses a template that names another one.
   */
  issuer: z.union([nonEmpty, z.object({ id: nonEmpty }).loose()]).optional(),
  issuerId: nonEmpty.optional(),
  microcredential: z
    .object({
      workloadHours: z.number().positive().optional(),
      ects: z.number().nonnegative().optional(),
      localCredits: z.number().nonnegative().optional(),
      creditSystem: nonEmpty.optional(),
      eqfLevel: z.number().int().min(1).max(8).optional(),
      nqfLevel: nonEmpty.optional(),
      assessment: nonEmpty.optional(),
      participation: nonEmpty.optional(),
      identityChecked: z.boolean().optional(),
      qualityAssurance: nonEmpty.optional(),
      stackableInto: nonEmpty.optional(),
      prerequisites: nonEmpty.optional(),
    })
    .optional(),
});
export type CourseTemplate = z.infer<typeof courseTemplateSchema>;

/** The awarding institution as the credential shows it (the registry's on-chain name is authoritative). */
export const issuerProfileSchema = z.object({
  id: nonEmpty.optional(),
  name: nonEmpty,
  country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code"),
  website: z.url().optional(),
});
export type IssuerProfile = z.infer<typeof issuerProfileSchema>;

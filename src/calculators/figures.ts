import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type ZodError, z } from "zod";
import { FiguresFileError } from "./errors.js";
import { EARLIEST_YEAR, LATEST_YEAR } from "./validate.js";

/**
 * The yearly and local figures the calculators need (`bot/figures.yaml`), each with its year,
 * source and place, so an answer can say where a number comes from. Editors change the file; the
 * parse refuses it with every bad field named rather than let a calculator use a wrong figure.
 */

export const FIGURES_FILE = join("bot", "figures.yaml");

const nonEmpty = z.string().trim().min(1, "must not be empty");

const figure = (unit: "yuan/month" | "yuan/year") =>
  z
    .object({
      value: z.number().positive("must be a positive number"),
      unit: z.literal(unit, { error: `must be "${unit}"` }),
      year: z
        .number()
        .int("must be a whole year")
        .min(EARLIEST_YEAR, `must be from ${EARLIEST_YEAR} to ${LATEST_YEAR}`)
        .max(LATEST_YEAR, `must be from ${EARLIEST_YEAR} to ${LATEST_YEAR}`),
      /** The notice, bulletin or law the value was taken from. */
      source: nonEmpty,
      /** The area it holds for: a province, a city, or "national". */
      place: nonEmpty,
      /** True for the shipped placeholders: never to be shown to a citizen as a real figure. */
      example: z.boolean({ error: "must be true or false" }),
    })
    .strict();

export const FiguresSchema = z
  .object({
    /** 养老金计发基数: the local average monthly wage used in the pension formula. */
    localAverageMonthlyWage: figure("yuan/month"),
    /** 最低工资标准 (monthly): unemployment benefit is commonly set as a share of it. */
    minimumMonthlyWage: figure("yuan/month"),
    /** 全国城镇居民人均可支配收入 of the previous year: the base of the one-off work-death grant. */
    nationalUrbanPerCapitaDisposableIncome: figure("yuan/year"),
    /** 缴费基数下限 and 上限: 60 % and 300 % of the local average wage. */
    contributionBaseFloor: figure("yuan/month"),
    contributionBaseCeiling: figure("yuan/month"),
  })
  .strict()
  .refine((f) => f.contributionBaseFloor.value <= f.contributionBaseCeiling.value, {
    message: "must not be above contributionBaseCeiling.value",
    path: ["contributionBaseFloor", "value"],
  });

export type Figures = z.infer<typeof FiguresSchema>;

function problemsOf(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(file)";
    return `field '${path}': ${issue.message}`;
  });
}

/** Pure: the figures in a YAML text, or a FiguresFileError naming every bad field. */
export function parseFigures(text: string, file: string = FIGURES_FILE): Figures {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new FiguresFileError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
  const result = FiguresSchema.safeParse(doc);
  if (!result.success) throw new FiguresFileError(file, problemsOf(result.error));
  return result.data;
}

/** Reads and checks `bot/figures.yaml` under the project root. */
export function loadFigures(rootDir: string): Figures {
  const file = join(rootDir, FIGURES_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new FiguresFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseFigures(text, file);
}

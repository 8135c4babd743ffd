import { UserError } from "../user-error";

/** What a command prints: markdown for people (a PR comment, a job summary) or JSON for machines. */
export const OUTPUT_FORMATS = ["markdown", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The value of `--format`, checked: the one place its message is written. */
export function parseOutputFormat(value: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UserError(`--format must be markdown or json, not ${JSON.stringify(value)}`);
}

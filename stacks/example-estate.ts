import * as path from "path";

/** The example estate shipped with the project: used when KSV_ESTATE is not set. */
export const EXAMPLE_ESTATE_FILE = path.join(__dirname, "example-estate.yaml");

/** The estate a command works on: KSV_ESTATE (relative to the current folder), or the example. */
export function estateFileFromEnvironment(): string {
  return process.env.KSV_ESTATE || path.relative(process.cwd(), EXAMPLE_ESTATE_FILE);
}

import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./project-root";

/** The example estate shipped with the project, from the project's folder. */
export const EXAMPLE_ESTATE = "stacks/example-estate.yaml";
export const EXAMPLE_ESTATE_FILE = path.join(PROJECT_ROOT, EXAMPLE_ESTATE);

/** A site's estate, in its repository's folder (`npx ksv init` writes it). */
export const SITE_ESTATE = "estate.yaml";

/** Where stacks and reports are written: CDKTF_OUTDIR, as for cdktf synth, or cdktf.out. */
export function outdirFromEnvironment(): string {
  return process.env.CDKTF_OUTDIR || "cdktf.out";
}

/**
 * The estate a command works on, relative to the current folder (for `cdktf synth`, the project's;
 * the app may run from a build folder elsewhere): KSV_ESTATE; else estate.yaml, a site's; else,
 * in the project's own checkout, which has none, the example. A site without estate.yaml is told
 * about estate.yaml, not about an example it does not have.
 */
export function estateFileFromEnvironment(): string {
  if (process.env.KSV_ESTATE) return process.env.KSV_ESTATE;
  const inCheckout = !fs.existsSync(SITE_ESTATE) && fs.existsSync(EXAMPLE_ESTATE);
  return inCheckout ? EXAMPLE_ESTATE : SITE_ESTATE;
}

import * as path from "path";
import { PROJECT_ROOT } from "./project-root";

/** The example estate shipped with the project, from the project's folder. */
const EXAMPLE_ESTATE = path.join("stacks", "example-estate.yaml");
export const EXAMPLE_ESTATE_FILE = path.join(PROJECT_ROOT, EXAMPLE_ESTATE);

/** Where stacks and reports are written: CDKTF_OUTDIR, as for cdktf synth, or cdktf.out. */
export function outdirFromEnvironment(): string {
  return process.env.CDKTF_OUTDIR || "cdktf.out";
}

/**
 * The estate a command works on: KSV_ESTATE, or the example; relative to the current folder,
 * which for `cdktf synth` is the project (the app may run from a build folder elsewhere).
 */
export function estateFileFromEnvironment(): string {
  return process.env.KSV_ESTATE || EXAMPLE_ESTATE;
}

import { runCommand } from "./lib/cli/run-command";
import { loadEstate } from "./lib/estate/load";
import { synthesizeEstate } from "./lib/synth/synthesize-estate";

/** The example estate, used when KSV_ESTATE is not set. */
export const EXAMPLE_ESTATE = "stacks/example-estate.yaml";

// `cdktf synth` runs this file: it reads the estate named by KSV_ESTATE and writes one stack per
// NSX Manager. Every problem in the estate is reported before anything is written.
void runCommand("ksv synth", () => {
  const loaded = loadEstate(process.env.KSV_ESTATE || EXAMPLE_ESTATE);
  for (const warning of loaded.warnings) {
    process.stderr.write(
      `warning: ${warning.estatePath}: ${warning.message} [${warning.ruleId}]\n`,
    );
  }
  synthesizeEstate(loaded.estate, process.env.CDKTF_OUTDIR || "cdktf.out");
});

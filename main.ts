import { estateFileFromEnvironment, outdirFromEnvironment } from "./app/estate-file";
import { loadEstate, printWarnings } from "./app/load-estate";
import { runCommand } from "./lib/cli/run-command";

// `cdktf synth` runs this file: it reads the estate named by KSV_ESTATE and writes one stack per
// NSX Manager. Every problem in the estate is reported before anything is written.
void runCommand("ksv synth", async () => {
  const loaded = loadEstate(estateFileFromEnvironment());
  // Under the cdktf CLI the same warnings arrive as annotations (WARN lines), and whatever the
  // app writes to stderr is shown as an ERROR: print them only when run directly.
  const underCdktfCli = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
  if (!underCdktfCli) printWarnings(loaded);
  // Loaded only now: cdktf and the constructs take longer to load than a bad estate to report.
  const { synthesizeEstate } = await import("./app/synthesize-estate");
  synthesizeEstate(loaded.estate, outdirFromEnvironment());
});

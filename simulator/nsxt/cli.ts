import { CliUsageError, parseCliArguments, USAGE } from "./cli-arguments";
import { startNsxtSimulator } from "./nsxt-simulator";

/**
 * `ksv-nsxt-simulator`: starts the simulator and prints its base URL as the first line of stdout
 * (the only line it prints there); runs until SIGINT or SIGTERM.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  let options;
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`ksv-nsxt-simulator: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const log = options.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  const simulator = await startNsxtSimulator({ ...options, log });
  process.stdout.write(`${simulator.url}\n`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

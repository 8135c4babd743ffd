import * as fs from "fs";
import * as path from "path";
import { parseCommandLine, runCommand } from "../lib/cli/run-command";
import { parseOutputFormat, type OutputFormat } from "../lib/cli/output-format";
import { UserError } from "../lib/user-error";
import { driftExitCode, renderDriftJson, renderDriftMarkdown } from "../lib/verify/drift-report";
import { adopt, ADOPT_COMMAND } from "./adopt";
import { drift, DRIFT_COMMAND } from "./drift";
import { estateFileFromEnvironment, outdirFromEnvironment } from "./estate-file";
import { loadEstate, printWarnings } from "./load-estate";

export const USAGE = `Usage: ksv <command> [options]

Run in the project folder, with KSV_ESTATE naming the estate (as for cdktf synth).

  ksv adopt <manager>... | --all [--verify-timeout <seconds>]
      Brings running deployments under management: records them in the state without running
      any hook, when the verify hook finds NSX and KSC exactly as the estate says. Refuses,
      writing nothing, otherwise.

  ksv drift [<manager>...] [--format markdown|json] [--verify-timeout <seconds>]
      Asks the verify hook what exists and reports what differs from the state and the estate.
      Prints the report and writes cdktf.out/drift.md and cdktf.out/drift.json.
      Exit codes: 0 no drift, 2 drift, 1 error.
`;

interface Parsed {
  readonly command: string | undefined;
  readonly managers: readonly string[];
  readonly all: boolean;
  readonly format: OutputFormat;
  readonly verifyTimeoutSeconds: number | undefined;
  readonly help: boolean;
}

function parse(argv: readonly string[]): Parsed {
  const parsed = parseCommandLine({
    args: [...argv],
    options: {
      all: { type: "boolean", default: false },
      format: { type: "string", short: "f", default: "markdown" },
      "verify-timeout": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...managers] = parsed.positionals;
  const format = parseOutputFormat(parsed.values.format as string);
  const timeout = parsed.values["verify-timeout"] as string | undefined;
  const seconds = timeout === undefined ? undefined : Number(timeout);
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds > 0)) {
    throw new UserError(
      `--verify-timeout must be a whole number of seconds, not ${JSON.stringify(timeout)}`,
    );
  }
  return {
    command,
    managers,
    all: parsed.values.all as boolean,
    format,
    verifyTimeoutSeconds: seconds,
    help: parsed.values.help as boolean,
  };
}

function loaded() {
  const estate = loadEstate(estateFileFromEnvironment());
  printWarnings(estate);
  return estate.estate;
}

async function ksv(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args.help || args.command === undefined) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 1;
  }
  switch (args.command) {
    case "adopt": {
      if (args.all && args.managers.length > 0) {
        throw new UserError("give manager names or --all, not both");
      }
      return adopt(loaded(), {
        managers: args.all ? "all" : args.managers,
        verifyTimeoutSeconds: args.verifyTimeoutSeconds,
      });
    }
    case "drift": {
      const outdir = outdirFromEnvironment();
      const report = await drift(loaded(), {
        managers: args.managers,
        outdir,
        verifyTimeoutSeconds: args.verifyTimeoutSeconds,
      });
      // Both forms are kept, as npm run plan-review keeps its review: one run, two readers.
      const markdown = renderDriftMarkdown(report);
      const json = renderDriftJson(report);
      fs.writeFileSync(path.join(outdir, "drift.md"), markdown);
      fs.writeFileSync(path.join(outdir, "drift.json"), json);
      process.stdout.write(args.format === "json" ? json : markdown);
      return driftExitCode(report);
    }
    default:
      throw new UserError(
        `unknown command ${JSON.stringify(args.command)}: ksv adopt or ksv drift (see --help)`,
      );
  }
}

/** Entry point of bin/ksv.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const name = argv[0] === "adopt" ? ADOPT_COMMAND : argv[0] === "drift" ? DRIFT_COMMAND : "ksv";
  return runCommand(name, () => ksv(argv));
}

import { parseCommandLine, runCommand } from "../lib/cli/run-command";
import { UserError } from "../lib/user-error";
import { KSV_COMMANDS } from "./commands";

/* The `ksv` bin: finds the command (app/commands) and runs it with its own options. */

export const USAGE = `Usage: ksv <command> [options]

Run in the estate's folder. KSV_ESTATE names the estate (as for cdktf synth): estate.yaml by default.

${KSV_COMMANDS.map((command) => `  ${command.usage.replace(/\n/g, "\n  ")}`).join("\n\n")}
`;

async function ksv(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE);
    return name === undefined ? 1 : 0;
  }
  const command = KSV_COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new UserError(
      `unknown command ${JSON.stringify(name)}: ${KSV_COMMANDS.map((c) => `ksv ${c.name}`).join(", ")} (see --help)`,
    );
  }
  const line = parseCommandLine({
    args: rest,
    options: { ...command.options, help: { type: "boolean", short: "h", default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (line.values.help) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  return command.run(line);
}

/** Entry point of bin/ksv.js. */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const command = KSV_COMMANDS.find((c) => c.name === argv[0]);
  return runCommand(command ? `ksv ${command.name}` : "ksv", () => ksv(argv));
}

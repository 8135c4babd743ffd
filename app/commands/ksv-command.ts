import type { ParseArgsConfig } from "node:util";

/** The options of one `ksv` command, as node:util's parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedCommandLine {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * One `ksv <command>`: its name, the lines `ksv --help` shows for it, its options, and what it
 * does with them (the exit code). Each command is a file of app/commands, listed in its index.
 */
export interface KsvCommand {
  readonly name: string;
  /** `ksv <name> ...` and what it does, as --help shows it (indented by the caller). */
  readonly usage: string;
  readonly options: CommandOptions;
  run(line: ParsedCommandLine): Promise<number>;
}

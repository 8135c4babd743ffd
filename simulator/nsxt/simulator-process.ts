import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

/*
 * ksv-nsxt-simulator in a process of its own, for what blocks its own event loop while NSX is
 * asked (terraform running hooks in a test, the demo): the bin is started, and its first line of
 * stdout is the base URL.
 */

export interface SimulatorProcess {
  readonly url: string;
  close(): Promise<void>;
}

/** The bin, found above this module: from the sources and from their build in .gen/js/<hash>/. */
function simulatorBin(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const bin = path.join(dir, "bin", "ksv-nsxt-simulator.js");
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error(`no bin/ksv-nsxt-simulator.js above ${__dirname}`);
}

/** Starts the bin with these command-line arguments (README: options) on a free port. */
export async function startSimulatorProcess(args: readonly string[]): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [simulatorBin(), "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(line.trim()));
    child.once("exit", (code) => reject(new Error(`ksv-nsxt-simulator exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

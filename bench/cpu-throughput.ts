import { spawn } from "child_process";
import * as os from "os";
import { median, waitForIdleMachine } from "./measure";

/*
 * How much work the machine's cores do at once: a CPU-bound loop runs for a fixed time in one
 * process, then in one process per core at the same time. On a machine whose cores are its own,
 * the processes together do (cores ×) the work of one; on a virtual machine whose virtual CPUs
 * share physical ones, less. Stacks planned in parallel cannot go faster than this allows.
 */

const LOOP_MS = 1000;
const LOOP = `let n = 0; const end = Date.now() + ${LOOP_MS}; while (Date.now() < end) n++; process.stdout.write(String(n));`;

function loop(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", LOOP], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`loop exited ${code}`)),
    );
  });
}

export interface CpuThroughput {
  readonly processes: number;
  /** Work of `processes` loops at once, in units of one loop alone (median of the rounds). */
  readonly factor: number;
  readonly rounds: number;
}

export async function measureCpuThroughput(rounds: number): Promise<CpuThroughput> {
  const processes = Math.max(1, os.availableParallelism());
  const factors: number[] = [];
  for (let round = 0; round < rounds; round++) {
    waitForIdleMachine(120);
    const alone = await loop();
    const together = await Promise.all(Array.from({ length: processes }, loop));
    factors.push(together.reduce((a, b) => a + b, 0) / alone);
  }
  return { processes, factor: median(factors), rounds };
}

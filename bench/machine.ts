import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { median, waitForIdleMachine } from "./measure";

/* The machine and the toolchain a benchmark ran on: numbers mean little without them. */

export type Machine = Awaited<ReturnType<typeof describeMachine>>;

function output(command: string, args: readonly string[], cwd: string): string | undefined {
  const run = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

function packageVersion(root: string, name: string): string {
  try {
    const file = path.join(root, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

function operatingSystem(): string {
  let name = `${os.type()}`;
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    name = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? name;
  } catch {
    // not Linux, or no os-release: the kernel type is all there is
  }
  return `${name}, kernel ${os.release()} ${os.arch()}`;
}

function terraformVersion(root: string): string {
  const text = output(process.env.TERRAFORM ?? "terraform", ["version", "-json"], root);
  if (!text) return "not found";
  try {
    return (JSON.parse(text) as { terraform_version: string }).terraform_version;
  } catch {
    return text.split("\n")[0];
  }
}

function commit(root: string): string {
  const head = output("git", ["rev-parse", "--short", "HEAD"], root) ?? "unknown";
  const dirty = output("git", ["status", "--porcelain", "--untracked-files=no"], root);
  return dirty ? `${head} + uncommitted changes` : head;
}

const LOOP = `let n = 0; const end = Date.now() + 1000; while (Date.now() < end) n++; process.stdout.write(String(n));`;

/** A busy loop of 1 s in a new process; resolves with the iterations it did. */
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

/**
 * How much work the machine's cores do at once: the loop alone, then one per core at the same
 * time (parallel processes, which the measuring helper's runs are not). On a machine whose cores
 * are its own, they do (cores ×) the work of one; on a virtual machine whose virtual CPUs share
 * physical ones, less. Stacks planned in parallel cannot go faster than this allows.
 */
async function measureCpuThroughput(rounds: number) {
  const processes = Math.max(1, os.availableParallelism());
  const factors: number[] = [];
  for (let round = 0; round < rounds; round++) {
    waitForIdleMachine(120);
    const alone = await loop();
    const together = await Promise.all(Array.from({ length: processes }, loop));
    factors.push(together.reduce((a, b) => a + b, 0) / alone);
  }
  // factor: the work of `processes` loops at once, in units of one loop alone.
  return { processes, factor: median(factors), rounds };
}

export async function describeMachine(root: string) {
  const cpus = os.cpus();
  const date = new Date().toISOString();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    throughput: await measureCpuThroughput(3),
    ramGb: os.totalmem() / 1024 ** 3,
    os: operatingSystem(),
    node: process.version,
    terraform: terraformVersion(root),
    cdktf: packageVersion(root, "cdktf"),
    cdktfCli: packageVersion(root, "cdktf-cli"),
    typescript: packageVersion(root, "typescript"),
    tsNode: packageVersion(root, "ts-node"),
    /** Of the measured code, "+ uncommitted changes" when the working tree differs. */
    commit: commit(root),
    date,
  };
}

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/* The machine and the toolchain a benchmark ran on: numbers mean little without them. */

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  readonly terraform: string;
  readonly cdktf: string;
  readonly cdktfCli: string;
  readonly typescript: string;
  readonly tsNode: string;
  /** Commit of the measured code, "+ uncommitted changes" when the working tree differs. */
  readonly commit: string;
  readonly date: string;
}

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

export function describeMachine(root: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGb: os.totalmem() / 1024 ** 3,
    os: operatingSystem(),
    node: process.version,
    terraform: terraformVersion(root),
    cdktf: packageVersion(root, "cdktf"),
    cdktfCli: packageVersion(root, "cdktf-cli"),
    typescript: packageVersion(root, "typescript"),
    tsNode: packageVersion(root, "ts-node"),
    commit: commit(root),
    date: new Date().toISOString(),
  };
}

import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const repoRoot = path.join(__dirname, "..", "..");

const created: string[] = [];
afterAll(() => {
  if (process.env.KSV_KEEP_TMP) return;
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed after the test file unless KSV_KEEP_TMP is set. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ksv-${prefix}-`));
  created.push(dir);
  return dir;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every file below `dir` with its bytes, for before/after comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel)).toString("base64");
    }
  };
  walk("");
  return out;
}

/**
 * The one way tests run a program: in the background, collecting its output, so that a test file
 * can start several at once. Environment entries set to undefined are removed.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

/** `node <args>`. */
export function runNode(
  args: readonly string[],
  options: Parameters<typeof runProcess>[2] = {},
): Promise<CommandResult> {
  return runProcess(process.execPath, args, options);
}

/** A TypeScript entry point of the project (main.ts, scripts/*.ts), as npm runs it: scripts/run-ts.js. */
export function runScript(
  script: string,
  args: readonly string[] = [],
  options: Parameters<typeof runProcess>[2] = {},
): Promise<CommandResult> {
  return runNode([path.join(repoRoot, "scripts", "run-ts.js"), script, ...args], options);
}

/** Runs main.ts the way `cdktf synth` does, in `cwd`. */
export function runSynth(
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<CommandResult> {
  return runScript("main.ts", [], { cwd, env });
}

import { spawn, spawnSync } from "child_process";
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

/** Runs main.ts the way `cdktf synth` does (transpile-only ts-node), in `cwd`. */
export function runSynth(cwd: string, env: Record<string, string | undefined> = {}): CommandResult {
  const run = spawnSync(
    process.execPath,
    ["-r", require.resolve("ts-node/register/transpile-only"), path.join(repoRoot, "main.ts")],
    {
      cwd,
      // ts-node looks for tsconfig.json from the working folder; the tests work in temp folders.
      env: { ...process.env, TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json"), ...env },
      encoding: "utf8",
    },
  );
  return { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
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
 * Runs `node <args>` in the background and collects its output: asynchronous, so that a test file
 * can start several at once. Environment entries set to undefined are removed.
 */
export function runNode(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
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

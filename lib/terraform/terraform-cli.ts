import { spawn, spawnSync, type SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import { UserError } from "../user-error";

export const MINIMUM_TERRAFORM_VERSION = "1.5.0";

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformOptions {
  /** Added to the environment of the terraform process. @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Return a failed result instead of throwing. @default false */
  readonly allowFailure?: boolean;
  /** @default "terraform" (or $TERRAFORM) */
  readonly binary?: string;
}

function existingFile(file: string | undefined): string | undefined {
  return file && fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
}

/**
 * The environment every run gets: no update checks, no prompts, no colours, and a CLI
 * configuration of its own (the machine's may point at a file that does not exist).
 */
export function terraformEnvironment(extra: TerraformOptions["env"] = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // A site's configuration (a provider mirror, say) is kept when it exists.
    TF_CLI_CONFIG_FILE: existingFile(process.env.TF_CLI_CONFIG_FILE) ?? "/dev/null",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    // Plain text: these outputs end up in logs, test failures and PR comments.
    ...Object.fromEntries(
      ["init", "validate", "plan", "apply", "destroy", "show", "refresh"].map((command) => [
        `TF_CLI_ARGS_${command}`,
        "-no-color",
      ]),
    ),
    ...extra,
  };
}

function binaryOf(options: TerraformOptions): string {
  return options.binary ?? process.env.TERRAFORM ?? "terraform";
}

/** The secrets a connection string may hold: itself, and the password in it. */
function connectionSecrets(connection: string): string[] {
  const secrets = [connection];
  // URL form, postgres://user:password@host/db; read by hand, as it may not parse as a URL.
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^:/@?#]*:(.*)@[^@]*$/i.exec(connection);
  if (url?.[1]) secrets.push(url[1], encodeURIComponent(url[1]));
  // Keyword form, password=secret or password='sec ret'.
  const keyword = /(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(connection);
  if (keyword?.[1]) secrets.push(keyword[1], keyword[1].replace(/^'|'$/g, ""));
  try {
    const password = new URL(connection).password;
    if (password) secrets.push(password, decodeURIComponent(password));
  } catch {
    // not a URL: the forms above cover it
  }
  return secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Removes PG_CONN_STR (the pg backend's connection string, which may hold a password) and the
 * password in it from text that is about to be shown: Terraform quotes a connection string it
 * cannot parse in its error message.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const connection = env.PG_CONN_STR;
  if (!connection) return text;
  let out = text;
  for (const secret of connectionSecrets(connection)) {
    out = out.split(secret).join(secret === connection ? "<PG_CONN_STR>" : "<password>");
  }
  return out;
}

/** Why terraform could not be started, as the user can act on it. */
function startFailure(error: Error, options: TerraformOptions): UserError {
  const binary = binaryOf(options);
  const code = (error as NodeJS.ErrnoException).code;
  const chosen = options.binary !== undefined || process.env.TERRAFORM !== undefined;
  return new UserError(
    code === "ENOENT" && chosen
      ? `terraform was not found at ${binary}${options.binary === undefined ? " (the TERRAFORM environment variable)" : ""}; point TERRAFORM at Terraform ${MINIMUM_TERRAFORM_VERSION} or later, or unset it to use the terraform on the PATH`
      : code === "ENOENT"
        ? `terraform was not found on the PATH; install Terraform ${MINIMUM_TERRAFORM_VERSION} or later (or set TERRAFORM to its path)`
        : `terraform could not be started (${binary}): ${error.message}`,
  );
}

function finished(
  dir: string,
  args: readonly string[],
  result: TerraformResult,
  options: TerraformOptions,
  env: NodeJS.ProcessEnv,
): TerraformResult {
  if (result.code !== 0 && !options.allowFailure) throw terraformFailure(dir, args, result, env);
  return result;
}

/** Runs terraform in `dir`; throws UserError with Terraform's own message when it fails. */
export function terraform(
  dir: string,
  args: readonly string[],
  options: TerraformOptions = {},
): TerraformResult {
  const env = terraformEnvironment(options.env);
  const spawnOptions: SpawnSyncOptions = {
    cwd: dir,
    env,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  };
  const run = spawnSync(binaryOf(options), args, spawnOptions);
  if (run.error) throw startFailure(run.error, options);
  const result = { code: run.status ?? 1, stdout: String(run.stdout), stderr: String(run.stderr) };
  return finished(dir, args, result, options, env);
}

/** `terraform`, without blocking: several stacks can be planned at once. */
export function terraformAsync(
  dir: string,
  args: readonly string[],
  options: TerraformOptions = {},
): Promise<TerraformResult> {
  const env = terraformEnvironment(options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(binaryOf(options), args, {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => reject(startFailure(error, options)));
    child.on("close", (code) => {
      const result = {
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      };
      try {
        resolve(finished(dir, args, result, options, env));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The UserError for a failed run: Terraform's own message, without the connection string. */
export function terraformFailure(
  dir: string,
  args: readonly string[],
  result: TerraformResult,
  env: NodeJS.ProcessEnv = terraformEnvironment(),
): UserError {
  const output = result.stderr.trim() || result.stdout.trim();
  return new UserError(`terraform ${args[0]} failed in ${dir}:\n${redactSecrets(output, env)}`);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Checks that terraform runs and is recent enough; returns its version. */
export function checkTerraform(options: TerraformOptions = {}): string {
  const result = terraform(process.cwd(), ["version", "-json"], { ...options, allowFailure: true });
  let version: string | undefined;
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    version = /v?(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
  }
  if (!version) {
    throw new UserError(
      `could not read the version of ${binaryOf(options)}: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  if (compareVersions(version, MINIMUM_TERRAFORM_VERSION) < 0) {
    throw new UserError(
      `terraform ${version} is too old: these stacks need ${MINIMUM_TERRAFORM_VERSION} or later (terraform_data, import and moved blocks)`,
    );
  }
  return version;
}

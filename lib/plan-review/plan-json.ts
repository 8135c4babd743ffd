import * as fs from "fs";
import { UserError } from "../user-error";

/*
 * The input of the plan review: `terraform show -json <planfile>` (format_version 1.x), reduced to
 * the parts the review reads. Everything else in the document is ignored, so plans of newer
 * Terraform releases keep working as long as the major format version stays 1.
 */

export const SUPPORTED_FORMAT_MAJOR = 1;

/** The label of standard input in messages and in the review. */
export const STDIN_SOURCE = "<stdin>";

/**
 * The largest plan read. A 20,000-host stack's plan is about 1.6 MB; what is far larger is not a
 * plan of these stacks, and reading it whole would exhaust memory first (/dev/zero never ends).
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

const TOO_LARGE = `is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MiB, which no plan of these stacks is (a 20,000-host stack's plan is about 1.6 MB)`;

/** What a plan does to one resource instance or output: actions, before and after. */
export interface Change {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  readonly after_unknown?: unknown;
}

/** One entry of `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly name?: string;
  /** Set on an object a create-before-destroy replacement left behind (Terraform's "deposed"). */
  readonly deposed?: string;
  readonly change: Change;
}

/** One entry of `output_changes`: a root output before and after. */
export type OutputChange = Change;

export interface PlanDocument {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes: readonly ResourceChange[];
  /** Root outputs by name (the hosts of each cluster, lib/contract's OUTPUTS). */
  readonly output_changes: Readonly<Record<string, OutputChange>>;
  /** false when Terraform will need another plan after this one (targeting, deferred changes). */
  readonly complete?: boolean;
}

/** A validated plan and where it came from. */
export interface LoadedPlan {
  /** The path as the user gave it, or <stdin>. */
  readonly source: string;
  readonly plan: PlanDocument;
}

/**
 * What a plan asks Terraform to do to one resource instance. `read` (data sources) is left out:
 * it changes nothing.
 */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "no-op" | "forget";

export const CHANGE_KINDS: readonly ChangeKind[] = [
  "create",
  "update",
  "replace",
  "delete",
  "no-op",
  "forget",
];

/** The change kind of `change.actions`; "read" for data reads, undefined when unknown. */
export function changeKindOf(actions: readonly string[]): ChangeKind | "read" | undefined {
  if (actions.length === 1) {
    const [action] = actions;
    if (action === "read") return "read";
    if (action !== "replace" && (CHANGE_KINDS as readonly string[]).includes(action)) {
      return action as ChangeKind;
    }
    return undefined;
  }
  if (actions.length === 2 && actions.includes("delete") && actions.includes("create")) {
    return "replace";
  }
  return undefined;
}

function problem(source: string, message: string): UserError {
  return new UserError(`${source}: ${message}`);
}

const EXPECTED_INPUT = "expected the output of `terraform show -json <planfile>`";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Explains what a JSON document is when it is not a plan: the usual mix-ups get a hint. */
function describeNonPlan(document: Record<string, unknown>): string {
  if ("resource" in document || "terraform" in document || "provider" in document) {
    return `is a Terraform configuration (a cdk.tf.json?), not a plan; ${EXPECTED_INPUT}`;
  }
  if ("values" in document && !("planned_values" in document)) {
    return `is Terraform state (terraform show -json without a plan file), not a plan; ${EXPECTED_INPUT}`;
  }
  return `is not a Terraform plan (no format_version); ${EXPECTED_INPUT}`;
}

function validateResourceChange(entry: unknown, index: number, source: string): ResourceChange {
  const where = `resource_changes[${index}]`;
  if (!isObject(entry)) throw problem(source, `${where} is not an object: not a Terraform plan`);
  if (typeof entry.address !== "string" || typeof entry.type !== "string") {
    throw problem(source, `${where} has no address or type: not a Terraform plan`);
  }
  const change = entry.change;
  if (
    !isObject(change) ||
    !Array.isArray(change.actions) ||
    !change.actions.every((a) => typeof a === "string")
  ) {
    throw problem(
      source,
      `${where} (${entry.address}) has no change.actions: not a Terraform plan`,
    );
  }
  return entry as unknown as ResourceChange;
}

/** Checks that a parsed document is a plan this review can read. Throws UserError naming `source`. */
export function validatePlanDocument(document: unknown, source: string): PlanDocument {
  if (!isObject(document)) {
    throw problem(source, `is JSON but not a Terraform plan (not an object); ${EXPECTED_INPUT}`);
  }
  const version = document.format_version;
  if (version === undefined) throw problem(source, describeNonPlan(document));
  if (typeof version !== "string" || !/^\d+\.\d+/.test(version)) {
    throw problem(source, `format_version ${JSON.stringify(version)} is not a version number`);
  }
  const major = Number(version.split(".")[0]);
  if (major !== SUPPORTED_FORMAT_MAJOR) {
    throw problem(
      source,
      `format_version ${version} is not supported; this review reads plan format ${SUPPORTED_FORMAT_MAJOR}.x (Terraform 1.x)`,
    );
  }
  if (!("planned_values" in document) && !("resource_changes" in document)) {
    throw problem(source, describeNonPlan(document));
  }
  if (document.errored === true) {
    throw problem(
      source,
      "is the plan of a failed terraform plan (errored: true); fix the plan first",
    );
  }
  const changes = document.resource_changes ?? [];
  if (!Array.isArray(changes)) {
    throw problem(source, "resource_changes is not a list: not a Terraform plan");
  }
  changes.forEach((entry, index) => validateResourceChange(entry, index, source));
  const outputs = document.output_changes ?? {};
  if (!isObject(outputs)) {
    throw problem(source, "output_changes is not an object: not a Terraform plan");
  }
  for (const [name, output] of Object.entries(outputs)) {
    if (!isObject(output) || !Array.isArray(output.actions)) {
      throw problem(
        source,
        `output_changes[${JSON.stringify(name)}] has no actions: not a Terraform plan`,
      );
    }
  }
  return {
    format_version: version,
    terraform_version:
      typeof document.terraform_version === "string" ? document.terraform_version : undefined,
    resource_changes: changes as ResourceChange[],
    output_changes: outputs as Record<string, OutputChange>,
    complete: typeof document.complete === "boolean" ? document.complete : undefined,
  };
}

/** Parses and validates plan text. The message never quotes the text: it may hold secrets. */
export function parsePlanText(text: string, source: string): LoadedPlan {
  if (text.trim() === "") throw problem(source, `is empty; ${EXPECTED_INPUT}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw problem(source, `is not JSON; ${EXPECTED_INPUT}`);
  }
  return { source, plan: validatePlanDocument(document, source) };
}

function readError(source: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return problem(source, "file not found");
  if (code === "EISDIR") return problem(source, "is a folder; give the plan JSON file");
  if (code === "EACCES") return problem(source, "cannot be read (permission denied)");
  return problem(source, `cannot be read (${code ?? String(error)})`);
}

/** Reads a plan file (the output of `terraform show -json`): a regular file, at most MAX_PLAN_BYTES. */
export function readPlanFile(file: string): LoadedPlan {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    if (!stat.isFile()) {
      throw problem(
        file,
        "is not a regular file (a device or a pipe?); give the plan JSON file, or - for standard input",
      );
    }
    if (stat.size > MAX_PLAN_BYTES) throw problem(file, TOO_LARGE);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw readError(file, error);
  }
  return parsePlanText(text, file);
}

/** Reads a plan from a stream (standard input). */
export async function readPlanStream(stream: NodeJS.ReadableStream): Promise<LoadedPlan> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > MAX_PLAN_BYTES) throw problem(STDIN_SOURCE, TOO_LARGE);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw readError(STDIN_SOURCE, error);
  }
  return parsePlanText(Buffer.concat(chunks).toString("utf8"), STDIN_SOURCE);
}

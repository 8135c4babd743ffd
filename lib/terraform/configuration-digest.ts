import { createHash } from "crypto";
import * as fs from "fs";

/*
 * What a synthesized stack (cdk.tf.json) gives Terraform, as one digest: the JSON without the
 * `//` keys (cdktf's metadata: construct paths, its version; Terraform reads them as comments),
 * keys sorted. Two stacks with one digest plan alike, whatever cdktf release wrote them; the
 * plan review compares stacks by it (--changed-since), and ksv apply checks a reviewed plan
 * against it.
 */

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key !== "//") out[key] = withoutComments((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** sha256 (hex) of a stack's configuration as Terraform reads it. */
export function configurationDigest(cdkTfJson: string): string {
  return createHash("sha256")
    .update(JSON.stringify(withoutComments(JSON.parse(cdkTfJson))))
    .digest("hex");
}

/** configurationDigest of a cdk.tf.json file. */
export function configurationDigestOfFile(file: string): string {
  return configurationDigest(fs.readFileSync(file, "utf8"));
}

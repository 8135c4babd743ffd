import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terraform } from "../../lib/terraform/terraform-cli";

export interface Availability {
  readonly available: boolean;
  readonly reason: string;
}

/**
 * Whether `terraform init` can install hashicorp/null here (from the registry, or a mirror named
 * by TF_CLI_CONFIG_FILE). Machines without network cannot; the null_resource cases then say so.
 */
function probeNullProvider(): Availability {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-null-probe-"));
  try {
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({ terraform: { required_providers: { null: { source: "hashicorp/null" } } } }),
    );
    const result = terraform(dir, ["init", "-input=false"], { allowFailure: true });
    if (result.code === 0) return { available: true, reason: "hashicorp/null installed" };
    const why =
      result.stderr.split("\n").find((line) => /Error|error/.test(line)) ?? "terraform init failed";
    return { available: false, reason: `hashicorp/null cannot be installed here (${why.trim()})` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let probed: Availability | undefined;

/** The probe runs `terraform init`: once per test file. */
function nullProviderAvailability(): Availability {
  probed ??= probeNullProvider();
  return probed;
}

/**
 * describe() for cases that need hashicorp/null. Where it cannot be installed the cases are
 * skipped, and the reason is printed and carried in the suite's title.
 */
export function describeWithNullProvider(title: string, body: () => void): void {
  const { available, reason } = nullProviderAvailability();
  if (available) {
    describe(title, body);
    return;
  }
  console.warn(`skipped: ${title}: ${reason}`);
  describe.skip(`${title} (skipped: ${reason})`, body);
}

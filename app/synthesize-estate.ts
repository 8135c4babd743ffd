import { App } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { UserError } from "../lib/user-error";
import { addEstateStacks, type EstateStacksOptions } from "../stacks/estate-stacks";

export interface SynthesizedStack {
  readonly name: string;
  /** Path of the stack's cdk.tf.json under the output folder. */
  readonly file: string;
}

function listFiles(root: string, dir = ""): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, relative) : [relative];
  });
}

/**
 * Synthesizes one stack per manager into `outdir` (cdktf.out/stacks/<name>/cdk.tf.json).
 * cdktf writes stack after stack; here it writes into a fresh folder beside `outdir`, and the
 * files move into place only when every stack has synthesized, so a failure leaves the previous
 * output as it was. Other files in `outdir` (.terraform folders of earlier deploys) stay.
 */
export function synthesizeEstate(
  estate: ValidatedEstate,
  outdir: string,
  options: EstateStacksOptions = {},
): SynthesizedStack[] {
  const target = path.resolve(outdir);
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) {
    throw new UserError(
      `${outdir} is a file, where the stacks are written into a folder: move it away, or set CDKTF_OUTDIR to another folder`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    const app = new App({ outdir: staging });
    const stacks = addEstateStacks(app, estate, options);
    app.synth();
    for (const file of listFiles(staging)) {
      fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
      fs.renameSync(path.join(staging, file), path.join(target, file));
    }
    return stacks.map((stack) => ({
      name: stack.node.id,
      file: path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"),
    }));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

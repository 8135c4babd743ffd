import * as fs from "fs";
import * as zlib from "zlib";
import { UserError } from "../user-error";

/*
 * What a saved plan (`terraform plan -out`) holds besides the plan itself. The file is a zip
 * archive (Terraform's internal/plans/planfile): `tfstate` is the state the plan was made
 * against, `tfconfig/m-/<file>` the root module's configuration as planned, `.terraform.lock.hcl`
 * the provider versions. ksv apply reads them to refuse, before applying anything, a plan whose
 * configuration is not the stack's or whose state has moved on (Terraform would refuse the latter
 * only when it reaches that stack, after applying the ones before).
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** The saved plan's entries by name, read on demand. */
export class PlanFile {
  private constructor(
    private readonly file: string,
    private readonly bytes: Buffer,
    private readonly entries: ReadonlyMap<string, { method: number; size: number; offset: number }>,
  ) {}

  static read(file: string): PlanFile {
    const bytes = fs.readFileSync(file);
    const bad = () => new UserError(`${file}: not a saved Terraform plan (no zip archive)`);
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
      if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw bad();
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    const entries = new Map<string, { method: number; size: number; offset: number }>();
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw bad();
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
      entries.set(name, {
        method: bytes.readUInt16LE(at + 10),
        size: bytes.readUInt32LE(at + 20),
        offset: bytes.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return new PlanFile(file, bytes, entries);
  }

  /** An entry's bytes, or undefined when the plan has no such entry. */
  entry(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const header = entry.offset;
    if (this.bytes.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
      throw new UserError(`${this.file}: damaged saved plan (entry ${name})`);
    }
    const start =
      header + 30 + this.bytes.readUInt16LE(header + 26) + this.bytes.readUInt16LE(header + 28);
    const data = this.bytes.subarray(start, start + entry.size);
    if (entry.method === STORED) return Buffer.from(data);
    if (entry.method === DEFLATED) return zlib.inflateRawSync(data);
    throw new UserError(
      `${this.file}: entry ${name} is compressed in a way Terraform does not use`,
    );
  }
}

/** Which state a plan was made against, or a state is: Terraform's staleness check compares these. */
export interface StateIdentity {
  readonly lineage: string;
  readonly serial: number;
}

/** The identity of a state document (`terraform state pull`, a plan's tfstate); empty: no state. */
export function stateIdentity(stateJson: string): StateIdentity {
  if (stateJson.trim() === "") return { lineage: "", serial: 0 };
  const state = JSON.parse(stateJson) as { lineage?: unknown; serial?: unknown };
  return {
    lineage: typeof state.lineage === "string" ? state.lineage : "",
    serial: typeof state.serial === "number" ? state.serial : 0,
  };
}

/**
 * Terraform's own rule for applying a saved plan (internal/backend/local, localRunForPlanFile):
 * the state must be the one planned against, same serial and, unless the plan was made against
 * no state at all, same lineage.
 */
export function planIsStale(planned: StateIdentity, current: StateIdentity): boolean {
  const firstPlan = planned.lineage === "" && planned.serial === 0;
  return (!firstPlan && planned.lineage !== current.lineage) || planned.serial !== current.serial;
}

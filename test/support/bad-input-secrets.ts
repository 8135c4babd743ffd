import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

/*
 * Looking for secrets where they must not be: in every file of a project folder (zip archives
 * such as saved Terraform plans opened up), and in captured command output.
 */

/** Something that was read: a file, a zip entry, or a command's output. */
export interface Haystack {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The entries of a zip archive (a saved Terraform plan is one), inflated. */
export function zipEntries(archive: Buffer): Array<{ name: string; bytes: Buffer }> {
  const entries: Array<{ name: string; bytes: Buffer }> = [];
  // End of central directory: the last 22+ bytes, signature 0x06054b50.
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return entries;
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) break;
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.toString("utf8", offset + 46, offset + 46 + nameLength);
    const dataStart =
      local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    entries.push({ name, bytes: method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every file below `dir` (hidden ones included), and the contents of the zip archives among them. */
export function filesUnder(dir: string): Haystack[] {
  const out: Haystack[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(path.join(dir, rel));
        out.push({ name: rel, bytes });
        if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
          for (const e of zipEntries(bytes)) out.push({ name: `${rel}!${e.name}`, bytes: e.bytes });
        }
      }
    }
  };
  walk("");
  return out;
}

/** A command's output as haystacks. */
export function outputOf(name: string, result: { stdout: string; stderr: string }): Haystack[] {
  return [
    { name: `${name} (stdout)`, bytes: Buffer.from(result.stdout) },
    { name: `${name} (stderr)`, bytes: Buffer.from(result.stderr) },
  ];
}

/** `where: secret` for every haystack holding a secret as is, URL-encoded or in base64. */
export function leaks(haystacks: readonly Haystack[], secrets: readonly string[]): string[] {
  const forms = [
    ...new Set(
      secrets.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString("base64").replace(/=+$/, ""),
      ]),
    ),
  ];
  return haystacks.flatMap((h) =>
    forms.filter((form) => h.bytes.includes(form)).map((form) => `${h.name}: ${form}`),
  );
}

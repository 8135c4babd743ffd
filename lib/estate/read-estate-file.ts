import * as fs from "fs";
import { EstateError, fileProblem } from "./estate-error";

/** 20,000 hosts take about 1 MB; anything near this is not an estate file. */
export const MAX_ESTATE_BYTES = 16 * 1024 * 1024;

/** The text of an estate file: UTF-8, a regular file, at most MAX_ESTATE_BYTES. */
export function readEstateText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "file not found; set KSV_ESTATE to the path of your estate file (relative to the current folder)"
        : `cannot be read (${code ?? String(error)})`;
    throw new EstateError(file, [fileProblem(message)]);
  }
  if (stat.isDirectory()) {
    throw new EstateError(file, [
      fileProblem("is a folder; KSV_ESTATE must name an estate file (.yaml or .json)"),
    ]);
  }
  if (!stat.isFile()) throw new EstateError(file, [fileProblem("is not a regular file")]);
  if (stat.size > MAX_ESTATE_BYTES) {
    const mb = (stat.size / 1024 / 1024).toFixed(1);
    throw new EstateError(file, [
      fileProblem(
        `is ${mb} MB; an estate file is at most ${MAX_ESTATE_BYTES / 1024 / 1024} MB (20,000 hosts take about 1 MB)`,
      ),
    ]);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new EstateError(file, [
      fileProblem(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`),
    ]);
  }
  return decodeUtf8(file, bytes);
}

function decodeUtf8(source: string, bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD: show the user where it is.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD")));
    const offset = Buffer.byteLength(before, "utf8");
    const lines = before.split("\n");
    throw new EstateError(source, [
      {
        path: [],
        message: `is not UTF-8 text (byte 0x${bytes[offset].toString(16).padStart(2, "0")} at offset ${offset}); save it as UTF-8`,
        line: lines.length,
        column: lines[lines.length - 1].length + 1,
      },
    ]);
  }
}

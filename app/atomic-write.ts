import * as fs from "fs";
import * as path from "path";
import { UserError } from "../lib/user-error";

/*
 * A file replaced whole or not at all: written beside it, then renamed over it, so that a reader
 * (or an interrupted run) sees the old text or the new one, never half of each. The new file
 * keeps the old one's permissions; a symbolic link stays a link, to the file it names.
 */

export function writeFileAtomically(file: string, text: string): void {
  let target: string;
  let mode: number;
  try {
    target = fs.realpathSync(file);
    mode = fs.statSync(target).mode & 0o7777;
  } catch (error) {
    throw new UserError(`${file}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
  }
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`,
  );
  try {
    const fd = fs.openSync(temporary, "wx", mode);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // The process's umask may have narrowed the mode given at creation.
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(
      `${file}: cannot be written (${code}; a new file is written beside it, then renamed over it); it is unchanged`,
    );
  }
}

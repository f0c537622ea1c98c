/**
 * Writing results. `-o FILE` goes to a temp file in the same folder, is fsynced
 * and renamed over the target, so a cron job never leaves half a report and a
 * failed run leaves the old file in place. stdout writes tolerate a closed pipe
 * (`cckpi report ... | head`).
 */
import { accessSync, closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CckpiError } from "../errors.js";

export class AtomicFile {
  private readonly tmp: string;
  private fd: number;
  private done = false;

  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    try {
      this.fd = openSync(this.tmp, "w");
    } catch (e) {
      throw new CckpiError("OUTPUT_NOT_WRITABLE", `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check that the folder exists and is writable");
    }
  }

  write(text: string): void {
    try {
      writeSync(this.fd, text);
    } catch (e) {
      this.abort();
      throw new CckpiError("OUTPUT_NOT_WRITABLE", `cannot write ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  commit(): void {
    if (this.done) return;
    this.done = true;
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    } catch (e) {
      try { unlinkSync(this.tmp); } catch { /* already gone */ }
      throw new CckpiError("OUTPUT_NOT_WRITABLE", `cannot write ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    try { closeSync(this.fd); } catch { /* ignore */ }
    try { unlinkSync(this.tmp); } catch { /* ignore */ }
  }
}

/**
 * Fail before the work, not after it: a cron job pointed at a missing or
 * read-only folder learns it at once instead of after reading a month of data.
 */
export function checkWritable(path: string): void {
  const dir = dirname(path);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new CckpiError("OUTPUT_NOT_WRITABLE", `cannot write ${path}: folder ${dir} ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "is not writable"}`, "create the folder or choose another -o path");
  }
}

/** Write `text` (a string, or pieces in order) to `path` atomically; a failure while the pieces are made leaves no file. */
export function writeFileAtomic(path: string, text: string | Iterable<string>): void {
  const f = new AtomicFile(path);
  try {
    if (typeof text === "string") f.write(text);
    else for (const piece of text) f.write(piece);
  } catch (e) {
    f.abort();
    throw e;
  }
  f.commit();
}

import {
  accessSync,
  closeSync,
  constants,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnusable } from './store-unusable.error';

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Refuses, in one line, a store path that is a directory, an empty (0-byte) file or not a SQLite
 * file. A missing file is allowed unless `mustExist`: a writer creates it, a checker must not.
 */
export function assertStoreFile(file: string, options: { mustExist?: boolean } = {}): void {
  if (file === ':memory:') return;
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw new StoreUnusable(`${file} is a directory, not a store file: name the file itself`);
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreUnusable) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.mustExist) return;
    throw new StoreUnusable(
      code === 'ENOENT'
        ? `no store at ${file}: the file does not exist`
        : `cannot read ${file}: ${code}`,
    );
  }
  // An empty file is not turned into a store: it is more likely a failed copy than a new store.
  if (size === 0)
    throw new StoreUnusable(
      `${file} is empty (0 bytes), not a tokentrail store: remove it or name the store`,
    );
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new StoreUnusable(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER)
    throw new StoreUnusable(`${file} is not a SQLite file, so not a tokentrail store`);
}

/**
 * Why a store could not be opened for writing, in one line: a read-only file or file system is
 * named as such (SQLite only says it cannot open the file).
 */
export function openFailure(file: string, error: unknown): StoreUnusable {
  for (const path of [file, dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (denied) {
      const code = (denied as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES')
        return new StoreUnusable(
          `${file} is read-only (${code}): this command writes to the store (verify only reads it)`,
        );
    }
  }
  return new StoreUnusable(`cannot open ${file} as a store: ${(error as Error).message}`);
}

/**
 * Opens a store to read it and nothing else. A file with no write-ahead log beside it is read into
 * memory (its header marked rollback-journal in the copy only), so no file is created or changed:
 * SQLite opening even read-only would create `-wal` and `-shm` files. A store in use (a non-empty
 * `-wal`) is opened read-only in place, through the files its writer already keeps.
 */
export function openReadOnly(file: string): Database.Database {
  assertStoreFile(file, { mustExist: true });
  let wal: number;
  try {
    wal = statSync(`${file}-wal`).size;
  } catch {
    wal = 0;
  }
  try {
    if (wal > 0) return new Database(file, { readonly: true, fileMustExist: true });
    const bytes = readFileSync(file);
    // Bytes 18 and 19 say WAL (2) or rollback journal (1); an in-memory copy cannot use WAL.
    bytes[18] = 1;
    bytes[19] = 1;
    return new Database(bytes, { readonly: true });
  } catch (error) {
    throw new StoreUnusable(`cannot open ${file} as a store: ${(error as Error).message}`);
  }
}

import { DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';

/**
 * A fault of the store's file or disk as one line, or null when `error` is not one: SQLite's own
 * codes (better-sqlite3 `SqliteError.code`) and the file system's, and an EventStoreDB that cannot
 * be reached. Every append is one
 * transaction, so the write that failed left nothing behind (a run continues with --resume).
 */
export function describeStoreFault(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError
  )
    return `the EventStoreDB store cannot be reached: ${error.message.split('\n')[0].trim()}`;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return 'the store’s disk is full: the write that failed stored nothing; free space and try again';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return 'the store is read-only (its file or file system is not writable): nothing was stored';
  if (code === 'SQLITE_NOTADB') return 'the store is not a SQLite file';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EISDIR')
    return `the store cannot be opened (${code})`;
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return `the store’s disk could not be read or written (${code}): the write that failed stored nothing`;
  if (code === 'SQLITE_CORRUPT') return 'the store file is damaged (SQLITE_CORRUPT)';
  if (code === 'SQLITE_BUSY') return 'the store is locked by another writer (SQLITE_BUSY)';
  return null;
}

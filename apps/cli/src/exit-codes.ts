/**
 * What `tokentrail` exits with, for scripts (README, "Exit codes"): one meaning each. A bug (an
 * error nobody anticipated) is 70, EX_SOFTWARE of sysexits.h, so it never reads as a result.
 */
export const EXIT = {
  ok: 0,
  /** A scenario expectation failed, a log failed verification, a sink did not take everything. */
  expectationFailed: 1,
  /** Invalid input or usage: an unknown option, a bad argument, a scenario that is not valid. */
  usage: 2,
  /** An import input had no readable record, could not be opened or was not read to its end. */
  nothingImportable: 3,
  /** The store (or the server holding it) cannot be reached or used. */
  storeUnavailable: 4,
  bug: 70,
} as const;

import { key } from '../world/world-state';

/** How a server's delegation cache files an entry: per user and back-end. */
export const delegationKey = (entry: { userSid: string; backend: string }) =>
  `${entry.userSid}|${key(entry.backend)}`;

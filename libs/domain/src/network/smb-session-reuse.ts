import type { SmbSessionState } from '../world/world-state';

/**
 * SEMANTICS.md §8: the OS keeps one SMB session per logon-session half and server until it is
 * idle for smbIdleTimeout (every access resets the clock), the user logs off, or the server
 * restarts. While it lives, every access is seen with the membership fixed when it opened.
 */
export function smbSessionReuse(
  smb: SmbSessionState | undefined,
  at: string,
  idleTimeoutMs: number,
  serverBoot: number | null,
): smb is SmbSessionState {
  if (!smb || serverBoot === null || smb.serverBoot !== serverBoot) return false;
  return Date.parse(at) - Date.parse(smb.lastUsedAt) < idleTimeoutMs;
}

/** When an idle SMB session closes by itself. */
export function smbSessionIdleExpiry(smb: SmbSessionState, idleTimeoutMs: number): string {
  return new Date(Date.parse(smb.lastUsedAt) + idleTimeoutMs).toISOString();
}

/** What each artifact kind is called on the page. */
const KIND_NAMES: Record<string, string> = {
  'logon-cache': 'Logon cache entry',
  'session-token': 'Session token',
  'process-token': 'Process token',
  tgt: 'TGT',
  'service-ticket': 'Service ticket',
  'smb-session': 'SMB session',
  connection: 'Connection',
  'system-token': 'System token',
  'computer-tgt': 'Computer TGT',
  'basic-cache': 'Basic cache entry',
  'delegation-cache': 'Delegation cache entry',
};

export const kindName = (kind: string): string => KIND_NAMES[kind] ?? kind;

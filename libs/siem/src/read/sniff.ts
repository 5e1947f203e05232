/** What a file's first bytes say it is. */
export type Content =
  | { kind: 'gzip' | 'zip' | 'tar' | 'evtx' | 'empty' }
  | { kind: 'other'; what: string }
  | TextContent;

export interface TextContent {
  kind: 'text';
  encoding: 'utf8' | 'utf-16le' | 'utf-16be';
  /** Bytes of a UTF-8 byte order mark to drop (TextDecoder drops a UTF-16 one itself). */
  bom: number;
  /** The first character that is not white space ('' when the head holds none). */
  first: string;
}

/** Enough for every signature below (tar's is at byte 257). */
export const HEAD_BYTES = 512;

const UNREAD: [string, number[]][] = [
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['RAR', [0x52, 0x61, 0x72, 0x21]],
];

const starts = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

export function sniff(head: Buffer): Content {
  if (head.length === 0) return { kind: 'empty' };
  if (starts(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (starts(head, [0x50, 0x4b]) && [3, 5, 7].includes(head[2]) && head[3] === head[2] + 1)
    return { kind: 'zip' };
  if (head.toString('latin1', 0, 8) === 'ElfFile\0') return { kind: 'evtx' };
  if (head.toString('latin1', 257, 262) === 'ustar') return { kind: 'tar' };
  for (const [what, bytes] of UNREAD)
    if (starts(head, bytes)) return { kind: 'other', what: `${what}-compressed` };
  // UTF-16 with or without a byte order mark (PowerShell 5 writes UTF-16LE).
  const encoding =
    starts(head, [0xff, 0xfe]) || (head[0] !== 0 && head[1] === 0)
      ? 'utf-16le'
      : starts(head, [0xfe, 0xff]) || (head[0] === 0 && head[1] !== 0)
        ? 'utf-16be'
        : 'utf8';
  const bom = encoding === 'utf8' && starts(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const text =
    encoding === 'utf8' ? head.toString('utf8', bom) : new TextDecoder(encoding).decode(head);
  if (encoding === 'utf8' && head.includes(0)) return { kind: 'other', what: 'binary' };
  return { kind: 'text', encoding, bom, first: text.trimStart().charAt(0) };
}

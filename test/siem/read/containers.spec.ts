import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readAll } from './read-all';

const fixture = (name: string) => join(FIXTURES, name);
const temp = () => mkdtempSync(join(tmpdir(), 'tt-read-'));

/** A tar of the given files, built with tar-stream's packer. */
async function tarOf(files: Record<string, Buffer>): Promise<Buffer> {
  const tar = pack();
  for (const [name, body] of Object.entries(files)) tar.entry({ name }, body);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('containers and inputs', () => {
  it('given a directory, when it is read, then every log below it is read recursively and every other file is skipped and counted', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    copyFileSync(fixture('winlogbeat8-4728.ndjson'), join(dir, 'a', 'b', 'deep.ndjson'));
    copyFileSync(fixture('wevtutil-4732.xml'), join(dir, 'top.xml'));
    copyFileSync(fixture('mixed.zip'), join(dir, 'a', 'export.zip'));
    writeFileSync(join(dir, '._top.xml'), 'Mac OS X metadata');
    writeFileSync(join(dir, 'notes.txt'), 'collected on site\n');
    writeFileSync(join(dir, 'empty.log'), '');
    const read = await readAll([dir]);
    expect(read.files.map((f) => [f.name.slice(dir.length), f.kind, f.records])).toEqual([
      ['/a/b/deep.ndjson', 'log', 2],
      ['/a/export.zip!logs/security.ndjson', 'log', 2],
      ['/a/export.zip', 'zip', 2],
      ['/top.xml', 'log', 2],
      ['', 'directory', 6],
    ]);
    const folder = read.file(dir);
    expect(folder).toMatchObject({ status: 'read', complete: true, parent: null });
    expect(folder.skipped.first.map((s) => [s.name.slice(dir.length), s.reason])).toEqual([
      ['/._top.xml', expect.stringMatching(/^AppleDouble/)],
      ['/empty.log', 'empty'],
      ['/notes.txt', expect.stringMatching(/^no log: bad JSON/)],
    ]);
    expect(read.file('/a/b/deep.ndjson').parent).toBe(dir);
  });

  it('given a zip with a log, a note and an AppleDouble entry, when read, then the note and the AppleDouble entry are skipped and counted in the zip report', async () => {
    const read = await readAll([fixture('mixed.zip')]);
    expect(read.events).toHaveLength(2);
    expect(read.file('mixed.zip')).toMatchObject({
      kind: 'zip',
      status: 'read',
      records: 2,
      skipped: {
        count: 2,
        first: [
          {
            name: expect.stringMatching(/!logs\/notes\.txt$/),
            reason: expect.stringMatching(/^no log/),
          },
          {
            name: expect.stringMatching(/!__MACOSX\/logs\/\._security\.ndjson$/),
            reason: expect.stringMatching(/^AppleDouble/),
          },
        ],
      },
    });
  });

  it('given a tar and a tar.gz holding a log and an AppleDouble entry, when read, then the log is read and the AppleDouble entry skipped', async () => {
    const dir = temp();
    const tar = await tarOf({
      'export/security.ndjson': readFileSync(fixture('winlogbeat6-4742.ndjson')),
      'export/._security.ndjson': Buffer.from('Mac OS X'),
    });
    writeFileSync(join(dir, 'logs.tar'), tar);
    writeFileSync(join(dir, 'logs.tgz'), gzipSync(tar));
    const read = await readAll([join(dir, 'logs.tar'), join(dir, 'logs.tgz')]);
    expect(read.events.map((e) => [e.eventId, e.format, e.source.file.slice(dir.length)])).toEqual([
      [4742, 'winlogbeat6', '/logs.tar!export/security.ndjson'],
      [4742, 'winlogbeat6', '/logs.tgz!export/security.ndjson'],
    ]);
    expect(read.file('logs.tar')).toMatchObject({ kind: 'tar', gzip: false, status: 'read' });
    expect(read.file('logs.tgz')).toMatchObject({ kind: 'tar', gzip: true, status: 'read' });
    expect(read.file('logs.tgz').skipped.count).toBe(1);
  });

  it('given a tar.gz cut in the middle of its log, when read, then every complete record comes out, none is malformed, and it stopped early where the bytes ran out', async () => {
    const dir = temp();
    const lines = Array.from({ length: 400 }, (_, i) =>
      readFileSync(fixture('winlogbeat6-4742.ndjson'), 'utf8')
        .trim()
        .replace('"record_number":"12282526"', `"record_number":"${i + 1}"`),
    );
    const gz = gzipSync(await tarOf({ 'big.ndjson': Buffer.from(`${lines.join('\n')}\n`) }));
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    const read = await readAll([cut]);
    expect(read.malformed).toEqual([]);
    expect(read.events.length).toBeGreaterThan(0);
    expect(read.events.length).toBeLessThan(400);
    expect(read.events.map((e) => e.recordId)).toEqual(read.events.map((_, i) => i + 1));
    const entry = read.file('cut.tar.gz!big.ndjson');
    expect(entry).toMatchObject({ status: 'stopped-early', records: read.events.length });
    expect(read.file('cut.tar.gz')).toMatchObject({
      status: 'stopped-early',
      complete: false,
      stoppedAt: { byte: Math.floor(gz.length / 2) },
      reason: expect.stringMatching(/^gzip: unexpected end of file/),
    });
  });

  it('given a gzip of a log, when read, then it is the log read through gzip', async () => {
    const path = join(temp(), 'sentinel.jsonl.gz');
    writeFileSync(path, gzipSync(readFileSync(fixture('sentinel-securityevent.jsonl'))));
    const read = await readAll([path]);
    expect(read.files).toEqual([
      expect.objectContaining({ kind: 'log', gzip: true, format: 'sentinel', records: 2 }),
    ]);
  });

  it('given "-", when read, then standard input is read as a file named "-"', async () => {
    const stdin = Readable.from([readFileSync(fixture('splunk-xmlwineventlog-4728.jsonl'))]);
    const read = await readAll(['-'], { stdin });
    expect(read.events.map((e) => [e.eventId, e.source.file])).toEqual([
      [4728, '-'],
      [4729, '-'],
    ]);
    expect(read.file('-')).toMatchObject({ format: 'splunk-xml', status: 'read', parent: null });
  });

  it('given a file whose every line is garbage, when read, then it is "no readable record", each line malformed, read to its end', async () => {
    const path = join(temp(), 'garbage.log');
    writeFileSync(path, 'not a log\n{"neither": "this"}\n\n<<<>>>\n');
    const read = await readAll([path]);
    expect(read.file('garbage.log')).toMatchObject({
      status: 'no-readable-record',
      complete: true,
      records: 0,
      malformed: { count: 3 },
    });
    expect(read.malformed.map((m) => m.line)).toEqual([1, 2, 4]);
  });

  it('given binary content and a missing file, when read, then the first has no readable record and the second is unreadable, and nothing is thrown', async () => {
    const binary = join(temp(), 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const read = await readAll([binary, '/nonexistent/security.evtx']);
    expect(read.file('image.bin')).toMatchObject({
      status: 'no-readable-record',
      reason: 'no log: binary content',
    });
    expect(read.file('/nonexistent/security.evtx')).toMatchObject({
      status: 'unreadable',
      complete: false,
      reason: expect.stringMatching(/^ENOENT/),
    });
  });
});

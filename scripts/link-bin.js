// npm links the bins of dependencies, not the project's own: link `tokentrail` into
// node_modules/.bin so tools that look there (and `npx --no-install tokentrail`) find it.
const fs = require('node:fs');
const path = require('node:path');

const binDir = path.join(__dirname, '..', 'node_modules', '.bin');
const link = path.join(binDir, 'tokentrail');
fs.mkdirSync(binDir, { recursive: true });
fs.rmSync(link, { force: true });
fs.symlinkSync(path.join('..', '..', 'bin', 'tokentrail.js'), link);

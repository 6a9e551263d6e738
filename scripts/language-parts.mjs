// dist/i18n/: each language file of web/i18n/ written as two (web/js/string-parts.js says which
// string goes where): <code>.json, read with the page, and <code>-panels.json, read when an
// analyst panel is about to be used. Called by scripts/build-dist.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { splitLanguage } from '../web/js/string-parts.js';

export function writeLanguageParts(sourceFolder, distFolder) {
  fs.mkdirSync(distFolder, { recursive: true });
  for (const file of fs.readdirSync(sourceFolder).filter((f) => f.endsWith('.json'))) {
    const code = file.slice(0, -'.json'.length);
    const { first, panels } = splitLanguage(code, JSON.parse(fs.readFileSync(path.join(sourceFolder, file), 'utf8')));
    fs.writeFileSync(path.join(distFolder, file), JSON.stringify(first));
    fs.writeFileSync(path.join(distFolder, first.panels), JSON.stringify(panels));
  }
}

/** This package's name and version, read once from package.json: records and --version say them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths.js';

const manifest = JSON.parse(readFileSync(join(paths.packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

export const packageInfo = { name: manifest.name, version: manifest.version } as const;

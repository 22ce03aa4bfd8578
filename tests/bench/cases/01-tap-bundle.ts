/** Row 1: size of the MAIN-world tap as shipped (minified by the WXT build), and gzipped. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchCase } from '../types';

const BUDGET = 4 * 1024;

const tapBundle: BenchCase = {
  id: 'tap-bundle',
  label: 'MAIN-world tap bundle (content-scripts/tap.js)',
  budget: '≤ 4 KB minified',
  noisy: false,
  async run(opts) {
    const file = join(opts.extensionDir, 'content-scripts', 'tap.js');
    if (!existsSync(file)) throw new Error(`${file} missing (build the extension first)`);
    const buf = readFileSync(file);
    const gz = gzipSync(buf, { level: 9 }).length;
    return {
      figure: `${buf.length} B minified (${(buf.length / 1024).toFixed(2)} KB), ${gz} B gzip`,
      pass: buf.length <= BUDGET,
      details: { file, bytes: buf.length, gzipBytes: gz, budgetBytes: BUDGET },
    };
  },
};
export default tapBundle;

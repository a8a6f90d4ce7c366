// EC2 instances.
import type { AnyRule } from '../types.js';
import { ec2InstanceWithoutRole } from './ec2-instance-without-role.js';

export const ec2Rules: AnyRule[] = [ec2InstanceWithoutRole];

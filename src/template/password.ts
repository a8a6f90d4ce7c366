// Where a LoginProfile's password comes from. The value is resolved only to classify it and is
// dropped right here: nothing the classification returns holds the password.
import type { TemplatePasswordSource } from '../snapshot/schema.js';
import { Resolver, hasDynamicReference, isSymbolic } from './intrinsics.js';
import type { ParameterDefinition, Template } from './template.js';
import type { TemplateNode } from './tree.js';
import { field } from './tree.js';

export interface PasswordOrigin {
  source: TemplatePasswordSource;
  /** Every parameter the password is built from (their values are secrets wherever they are used). */
  parameters: ParameterDefinition[];
}

/** Where the password of a LoginProfile property (as written, maybe behind an If) comes from. */
export function classifyPassword(
  loginProfile: TemplateNode | undefined,
  template: Template,
  placement: { accountId: string; partition: string },
): PasswordOrigin {
  const parameters: ParameterDefinition[] = [];
  const resolver = new Resolver(template, {
    ...placement,
    // A password built from another resource's name or ARN is not written in the template.
    identityOf: () => undefined,
    // Defaults are read here to tell a literal from a reference; the value is dropped below.
    secretParameters: new Set(),
    onParameter: (parameter) => parameters.push(parameter),
    pseudoParametersAsText: true,
  });
  const value = resolver.value(field(resolver.branch(loginProfile), 'Password'));
  return { source: sourceOf(value, parameters), parameters };
}

function sourceOf(value: unknown, parameters: ParameterDefinition[]): TemplatePasswordSource {
  if (isSymbolic(value)) {
    if (hasDynamicReference(value.text)) return 'dynamic-reference';
    // Given at deploy time: hidden when NoEcho, otherwise readable by whoever sees the stack.
    return parameters.some((p) => p.noEcho && p.default === undefined) ? 'noecho' : 'symbolic';
  }
  if (value === undefined || value === null || typeof value === 'object') return 'symbolic';
  return parameters.length > 0 ? 'parameter-literal-default' : 'literal';
}

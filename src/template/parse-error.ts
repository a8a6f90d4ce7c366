import type { Position } from './tree.js';

/** Where and why a template's text cannot be read. The message never quotes the text. */
export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

import { PaperboyError } from '../shared/errors.ts';

/** A template failed to render (invalid MJML, a throwing component): a bug, never retryable. */
export class TemplateError extends PaperboyError {
  readonly template: string;
  constructor(template: string, message: string, cause?: unknown) {
    super(`template "${template}": ${message}`, { code: 'template_error', retryable: false, cause });
    this.template = template;
  }
}

/** A rendered email had an unknown, malformed or leftover placeholder: it must not be sent. */
export class PlaceholderError extends PaperboyError {
  constructor(message: string) {
    super(message, { code: 'template_placeholder', retryable: false });
  }
}

import { type ApiError, ErrorCode } from '@tidings/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors';
import type { App } from './types';

const body = (code: string, message: string, fields?: Record<string, string>): ApiError => ({
  error: { code, message, ...(fields && { fields }) },
});

/** Fastify's own error codes, mapped to the status and words a caller can act on. */
const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, ErrorCode.invalidJson, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, ErrorCode.invalidJson, 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, ErrorCode.payloadTooLarge, 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    ErrorCode.unsupportedMediaType,
    'This content type is not accepted here; send application/json.',
  ],
  FST_REQ_FILE_TOO_LARGE: [413, ErrorCode.payloadTooLarge, 'The file is too large.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    415,
    ErrorCode.unsupportedMediaType,
    'Send the file as multipart/form-data.',
  ],
};

/** One place turns every failure into `{error: {code, message, fields?}}` with the right status. */
export function registerErrorHandling(app: App, routes: RouteTable): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status === 429) reply.header('retry-after', '900');
      return reply.status(error.status).send(body(error.code, error.message, error.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const where =
          issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext || 'body';
        fields[where] ??= issue.message ?? 'Invalid value';
      }
      const summary = Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
      return reply
        .status(400)
        .send(body(ErrorCode.validationFailed, `Some fields need attention — ${summary}`, fields));
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.status(known[0]).send(body(known[1], known[2]));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body(ErrorCode.validationFailed, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(
        body(ErrorCode.internal, 'Something went wrong on our side. It was logged; try again in a moment.'),
      );
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.methodsFor(path).filter((m) => m !== request.method);
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send(
          body(
            ErrorCode.methodNotAllowed,
            `${request.method} is not allowed here; use ${allowed.join(' or ')}.`,
          ),
        );
    }
    return reply.status(404).send(body(ErrorCode.notFound, `There is nothing at ${request.method} ${path}.`));
  });
}

/** Remembers every route's path pattern, so a wrong method can be told from a wrong path. */
export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: string[] }[] = [];

  add(url: string, method: string | string[]): void {
    const methods = Array.isArray(method) ? method : [method];
    const source = url
      .split('/')
      .map((part) =>
        part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    this.routes.push({ pattern: new RegExp(`^${source}$`), methods });
  }

  methodsFor(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
  }
}

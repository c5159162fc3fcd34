import { ApiError } from '@tidings/contracts';

/** Error statuses every API route may answer with, for the OpenAPI document. */
export const errorResponses = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  429: ApiError,
} as const;

/**
 * A reason processing cannot succeed, worded for the person who uploaded the file. The job
 * marks the media failed with this message and does not retry: trying again will not help.
 */
export class MediaProcessingError extends Error {}

export const notMedia = (looksLike: string) =>
  new MediaProcessingError(`This file is not audio or video we can play (it looks like ${looksLike}).`);

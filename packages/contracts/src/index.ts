import { z } from 'zod';

// Plain words for the commonest mistake, on server and web alike.
z.config({
  customError: (issue) => (issue.input === undefined ? 'This field is required' : undefined),
});

export * from './accounts';
export * from './attention';
export * from './common';
export * from './delivery';
export * from './email';
export * from './errors';
export * from './events';
export * from './health';
export * from './inbox';
export * from './media';
export * from './moments';
export * from './outsiders';
export * from './search';
export * from './share-links';
export * from './spaces';
export * from './speech';
export * from './threads';
export * from './tokens';
export * from './transcripts';
export * from './views';

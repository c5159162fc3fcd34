#!/usr/bin/env node
// The `tidings` command. The server runs from its TypeScript sources through tsx's loader, so
// there is no separate compile step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

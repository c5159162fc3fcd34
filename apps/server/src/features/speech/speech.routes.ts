import { SpeechAdminStatus } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function speechRoutes(app: App, { speech }: Services): void {
  app.get(
    '/admin/speech',
    {
      schema: {
        tags: ['speech'],
        summary: 'The speech-to-text engine in use and the state of every engine (admins)',
        response: { 200: SpeechAdminStatus, ...errorResponses },
      },
    },
    async (request) => speech.engineStatus(requireActor(request)),
  );
}

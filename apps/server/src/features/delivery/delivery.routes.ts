import {
  Availability,
  DeliveryPreferences,
  DeliveryPreferencesView,
  DeliveryPreview,
  DeliveryPreviewRequest,
  IdParams,
  NotificationList,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { scheduledRoutes } from './scheduled.routes';

export function deliveryRoutes(app: App, services: Services): void {
  const { delivery } = services;
  const tags = ['delivery'];
  scheduledRoutes(app, services);

  app.get(
    '/me/delivery',
    {
      schema: {
        tags,
        summary: 'My delivery preferences (the defaults until I save my own)',
        response: { 200: DeliveryPreferencesView, ...errorResponses },
      },
    },
    async (request) => delivery.getPreferences(requireActor(request)),
  );

  app.put(
    '/me/delivery',
    {
      schema: {
        tags,
        summary: 'Replace my delivery preferences: zone, working hours, time off, focus, channels, digests',
        body: DeliveryPreferences,
        response: { 200: DeliveryPreferencesView, ...errorResponses },
      },
    },
    async (request) => delivery.updatePreferences(requireActor(request), request.body),
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'What the delivery engine decided for me, and how delivery went',
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (request) => delivery.listNotifications(requireActor(request)),
  );

  app.get(
    '/people/:id/availability',
    {
      schema: {
        tags,
        summary: "A person's local time, working state and time off",
        params: IdParams,
        response: { 200: Availability, ...errorResponses },
      },
    },
    async (request) => delivery.availability(requireActor(request), request.params.id),
  );

  app.post(
    '/delivery/preview',
    {
      schema: {
        tags,
        summary: 'For the composer: when a post would reach each recipient, before it is sent',
        body: DeliveryPreviewRequest,
        response: { 200: DeliveryPreview, ...errorResponses },
      },
    },
    async (request) => delivery.preview(requireActor(request), request.body),
  );
}

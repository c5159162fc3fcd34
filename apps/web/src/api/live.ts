import { useQueryClient } from '@tanstack/react-query';
import { LiveEvent } from '@tidings/contracts';
import { useEffect } from 'react';
import { sessionKey } from './queryClient';

const eventNames = [
  'post.created',
  'post.updated',
  'post.deleted',
  'thread.updated',
  'receipt',
  'inbox.changed',
  'media.updated',
  'moments.changed',
] as const;

/**
 * Listens to the server's event stream while signed in and refetches what an event touches.
 * EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed in between.
 */
export function useLiveEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    const onEvent = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = LiveEvent.parse(JSON.parse(message.data));
      } catch {
        return;
      }
      // Server-side only (it closes the stream); never sent to browsers.
      if (event.type === 'session.ended') return;
      if (event.type === 'media.updated') {
        // Status/progress of a recording: the player, share page and upload lists refetch it.
        void client.invalidateQueries({ queryKey: ['media', event.mediaId] });
        void client.invalidateQueries({ queryKey: ['share'] });
        void client.invalidateQueries({ queryKey: ['my-media'] });
        return;
      }
      if (event.type === 'moments.changed') {
        // Marks on an open player: comments and reactions on that recording.
        void client.invalidateQueries({ queryKey: ['moments', event.mediaId] });
        return;
      }
      // A comment deleted or edited changes the marks too.
      if (event.type !== 'inbox.changed') void client.invalidateQueries({ queryKey: ['moments'] });
      void client.invalidateQueries({ queryKey: ['inbox'] });
      void client.invalidateQueries({ queryKey: ['thread', event.threadId] });
      void client.invalidateQueries({ queryKey: ['space-threads'] });
    };
    for (const name of eventNames) source.addEventListener(name, onEvent);
    source.addEventListener('message', onEvent);
    // A reconnect may have skipped events the server no longer holds: catch up once.
    source.addEventListener('open', () => void client.invalidateQueries({ queryKey: ['inbox'] }));
    // EventSource gives up only when the server refuses it (401: the session was ended, e.g. an
    // outsider revoked): check the session now, so the page says so without waiting for a click.
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) void client.invalidateQueries({ queryKey: sessionKey });
    });
    return () => source.close();
  }, [client]);
}

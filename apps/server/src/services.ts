import type { AppContext } from './context';
import { accountsService } from './features/accounts/accounts.service';
import { attentionService } from './features/attention/attention.service';
import { deliveryService } from './features/delivery/delivery.service';
import { scheduledService } from './features/delivery/scheduled.service';
import { emailService } from './features/email/email.service';
import { eventsService } from './features/events/events.service';
import { inboxService } from './features/inbox/inbox.service';
import { invitesService } from './features/invites/invites.service';
import { mediaService } from './features/media/media.service';
import { toPlaybackMedia } from './features/media/present';
import { membersService } from './features/members/members.service';
import { momentsService } from './features/moments/moments.service';
import { outsidersService } from './features/outsiders/outsiders.service';
import { mediaSource } from './features/playback/media-source';
import { playbackService } from './features/playback/playback.service';
import { profileService } from './features/profile/profile.service';
import { searchService } from './features/search/search.service';
import { shareLinksService } from './features/share-links/share-links.service';
import { shareViewerService } from './features/share-links/share-viewer.service';
import { spacesService } from './features/spaces/spaces.service';
import { speechService } from './features/speech/speech.service';
import { postsService } from './features/threads/posts.service';
import { threadsService } from './features/threads/threads.service';
import { tokensService } from './features/tokens/tokens.service';
import { transcriptsService } from './features/transcripts/transcripts.service';
import { viewsService } from './features/views/views.service';

/** The use cases, wired once per process and shared by HTTP routes, the CLI and jobs. */
export function createServices(ctx: AppContext) {
  const accounts = accountsService(ctx);
  const playback = playbackService(ctx, mediaSource(ctx));
  const media = mediaService(ctx, async (userId, row) => {
    const { playbackUrl, posterUrl, previewUrl } = await playback.signedUrls(userId, toPlaybackMedia(row));
    return { playbackUrl, posterUrl, previewUrl, myPositionMs: await playback.positionFor(userId, row.id) };
  });
  const threads = threadsService(ctx, media.attachedTo);
  return {
    accounts,
    attention: attentionService(ctx),
    delivery: deliveryService(ctx),
    email: emailService(ctx),
    events: eventsService(ctx),
    inbox: inboxService(ctx),
    invites: invitesService(ctx, accounts),
    members: membersService(ctx),
    media,
    outsiders: outsidersService(ctx, accounts, threads),
    moments: momentsService(ctx, threads.watchers),
    playback,
    profile: profileService(ctx),
    posts: postsService(ctx, threads, media.attachedTo),
    scheduled: scheduledService(ctx),
    search: searchService(ctx),
    shareLinks: shareLinksService(ctx),
    shareViewer: shareViewerService(ctx),
    spaces: spacesService(ctx),
    speech: speechService(ctx),
    threads,
    tokens: tokensService(ctx),
    transcripts: transcriptsService(ctx, media),
    views: viewsService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;

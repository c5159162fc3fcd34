import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { App } from '../../http/types';
import { hashSecret } from '../../lib/ids';
import type { Services } from '../../services';
import { openBlob } from '../playback/blob-source';
import { sendFile } from '../playback/serve-file';
import { describeTarget, loadTarget } from './share-content';
import { shareLinksRepository } from './share-links.repository';
import { privateToLinkHolders } from './share-links.routes';
import { isLive } from './share-links.service';

// Without a built web app (API-only tests) the page is this shell; the tags are what matters.
const SHELL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tidings</title></head><body><div id="root"></div></body></html>`;
const POSTER_MAX_AGE_S = 300;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

interface Preview {
  title: string;
  description: string;
  imageUrl: string | null;
  video: boolean;
  url: string;
}

/** The tags a pasted link unfurls with; details only for live links without a password. */
export function shareHeadTags(preview: Preview | null): string {
  const tags = [
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    '<meta property="og:site_name" content="Tidings">',
  ];
  if (!preview) {
    tags.push(
      '<meta property="og:title" content="Shared with Tidings">',
      '<meta name="twitter:card" content="summary">',
    );
    return tags.join('\n    ');
  }
  const meta = (attr: 'property' | 'name', key: string, value: string) =>
    `<meta ${attr}="${key}" content="${escapeHtml(value)}">`;
  tags.push(
    meta('property', 'og:title', preview.title),
    meta('property', 'og:type', preview.video ? 'video.other' : 'website'),
    meta('property', 'og:url', preview.url),
    meta('name', 'twitter:card', preview.imageUrl ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', preview.title),
  );
  if (preview.description) {
    tags.push(
      meta('property', 'og:description', preview.description),
      meta('name', 'description', preview.description),
    );
    tags.push(meta('name', 'twitter:description', preview.description));
  }
  if (preview.imageUrl)
    tags.push(
      meta('property', 'og:image', preview.imageUrl),
      meta('name', 'twitter:image', preview.imageUrl),
    );
  return tags.join('\n    ');
}

/** index.html with the share tags in its head (and the link's title); same scripts, same CSP. */
export function injectHead(html: string, tags: string, title: string | null): string {
  let page = html.replace('</head>', `    ${tags}\n  </head>`);
  if (title) page = page.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)} · Tidings</title>`);
  return page;
}

const TokenParams = z.object({ token: z.string().min(16).max(128) });

/**
 * `/s/<token>`: the SPA's index.html with Open Graph tags and no-referrer/noindex headers, and
 * `/s/<token>/poster.jpg`, the preview image crawlers fetch without cookies. Registered at the
 * root, before the SPA's catch-all.
 */
export function sharePageRoutes(app: App, services: Services, ctx: AppContext): void {
  const links = shareLinksRepository(ctx.db);

  async function previewOf(token: string): Promise<Preview | null> {
    const link = await links.findByTokenHash(hashSecret(token));
    if (!link || !isLive(link, ctx.now()) || link.password_hash !== null) return null;
    const target = await loadTarget(ctx, link);
    if (!target) return null;
    const about = await describeTarget(ctx, link, target);
    const pageUrl = `${ctx.config.publicUrl}/s/${encodeURIComponent(token)}`;
    return {
      title: about.title,
      description: about.description,
      imageUrl: about.poster ? `${pageUrl}/poster.jpg` : null,
      video: about.video,
      url: pageUrl,
    };
  }

  async function indexHtml(): Promise<string> {
    try {
      return await fs.readFile(path.join(ctx.config.webDistDir, 'index.html'), 'utf8');
    } catch {
      return SHELL;
    }
  }

  app.get(
    '/s/:token',
    { onSend: privateToLinkHolders, schema: { hide: true, params: TokenParams } },
    async (request, reply) => {
      const preview = await previewOf(request.params.token);
      const page = injectHead(await indexHtml(), shareHeadTags(preview), preview?.title ?? null);
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
    },
  );

  app.route({
    method: ['GET', 'HEAD'],
    url: '/s/:token/poster.jpg',
    onSend: privateToLinkHolders,
    schema: { hide: true, params: TokenParams },
    handler: async (request, reply) => {
      const key = await services.shareViewer.previewPoster(request.params.token);
      const answer = await openBlob(ctx.blobs, key, 'image/jpeg', POSTER_MAX_AGE_S);
      const cacheControl = `private, max-age=${POSTER_MAX_AGE_S}`;
      // Streamed files skip onSend hooks: say it here too.
      reply.header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
      if (answer && 'redirect' in answer)
        return reply.header('cache-control', cacheControl).redirect(answer.redirect, 302);
      if (answer && 'file' in answer) return sendFile(request, reply, answer.file, cacheControl);
      return reply.callNotFound();
    },
  });
}

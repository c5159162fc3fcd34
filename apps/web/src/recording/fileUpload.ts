import { createUpload, deleteUpload, patchUpload, retryDelay, TusError, uploadOffset } from './tus';

/** What can be uploaded as a recording (checked by extension; the server probes the content). */
export const ACCEPTED_EXTENSIONS = ['mp4', 'mov', 'webm', 'mkv', 'm4a', 'mp3', 'ogg', 'opus', 'wav'];
const AUDIO_EXTENSIONS = new Set(['m4a', 'mp3', 'ogg', 'opus', 'wav']);
export const ACCEPT_ATTRIBUTE = ['video/*', 'audio/*', ...ACCEPTED_EXTENSIONS.map((ext) => `.${ext}`)].join(
  ',',
);

const extension = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';

export function acceptable(file: File): boolean {
  return ACCEPTED_EXTENSIONS.includes(extension(file.name));
}

export function kindOf(file: File): 'video' | 'audio' {
  if (file.type.startsWith('audio/')) return 'audio';
  if (file.type.startsWith('video/')) return 'video';
  return AUDIO_EXTENSIONS.has(extension(file.name)) ? 'audio' : 'video';
}

const SLICE = 2 * 1024 * 1024;

/**
 * Uploads a picked file through the same tus endpoint (known length), in 2 MB slices so progress
 * shows and a dropped connection resumes from the server's offset rather than from zero.
 */
export async function uploadFile(
  endpoint: string,
  mediaId: string,
  file: File,
  onProgress: (sentBytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  let url: string | null = null;
  let offset = 0;
  let attempt = 0;
  const onAbort = () => {
    if (url) void deleteUpload(url);
  };
  signal.addEventListener('abort', onAbort);
  try {
    while (offset < file.size || url === null) {
      signal.throwIfAborted();
      try {
        if (url === null) {
          url = await createUpload(endpoint, mediaId, file.size);
          if (file.size === 0) break;
        }
        offset = await patchUpload(url, offset, file.slice(offset, offset + SLICE), null, signal);
        attempt = 0;
        onProgress(offset);
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof TusError && error.fatal) throw error;
        await new Promise((r) => setTimeout(r, retryDelay(attempt++)));
        if (url) offset = await uploadOffset(url).catch(() => offset);
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Capture: containers, devices remembered in localStorage, and the streams for each mode. */

import { type BubbleLayout, bubbleGeometry } from './bubble';
import { startFrameClock } from './frame-clock';

export type RecordingMode = 'camera' | 'screen' | 'screen-camera' | 'voice';

const VIDEO_TYPES = [
  'video/mp4;codecs=avc1,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/mp4'];

/**
 * The first container this browser's MediaRecorder supports, in our order of preference — except
 * that MP4 is skipped where WebM also works: Chromium's MP4 muxer (measured on 156) ignores the
 * timeslice and hands over one header chunk and then everything at stop, which would defeat the
 * upload while recording and lose the whole recording on a crash. Safari records only MP4 and
 * fragments it per timeslice, so MP4 stays first there.
 */
export function pickMimeType(mode: RecordingMode): string {
  const candidates = mode === 'voice' ? AUDIO_TYPES : VIDEO_TYPES;
  const supported = candidates.filter((type) => MediaRecorder.isTypeSupported(type));
  const webm = supported.find((type) => type.includes('webm'));
  const first = supported[0];
  if (first?.includes('mp4') && webm) return webm;
  return first ?? (mode === 'voice' ? 'audio/webm' : 'video/webm');
}

const KEYS = { camera: 'tidings.recorder.camera', microphone: 'tidings.recorder.microphone' } as const;

export function rememberedDevice(kind: keyof typeof KEYS): string {
  try {
    return localStorage.getItem(KEYS[kind]) ?? '';
  } catch {
    return '';
  }
}

export function rememberDevice(kind: keyof typeof KEYS, deviceId: string): void {
  try {
    localStorage.setItem(KEYS[kind], deviceId);
  } catch {
    // private mode: not remembered, still works
  }
}

export async function listDevices(): Promise<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: all.filter((d) => d.kind === 'videoinput'),
    microphones: all.filter((d) => d.kind === 'audioinput'),
  };
}

const pick = (id: string) => (id ? { deviceId: { exact: id } } : {});

export function microphone(deviceId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { ...pick(deviceId), echoCancellation: true, noiseSuppression: true },
  });
}

export function camera(deviceId: string, bubble = false): Promise<MediaStream> {
  const size = bubble
    ? { width: { ideal: 480 }, height: { ideal: 480 } }
    : { width: { ideal: 1280 }, height: { ideal: 720 } };
  return navigator.mediaDevices.getUserMedia({ video: { ...pick(deviceId), ...size } });
}

export function screen(): Promise<MediaStream> {
  return navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 30 }, audio: false });
}

export function stopAll(...streams: (MediaStream | null | undefined)[]): void {
  for (const stream of streams) for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Screen + camera bubble: both drawn onto one canvas (the screen full size, the camera as a circle
 * where `layout()` says) so the result is one video track. The layout is read every frame, so a
 * corner picked mid-recording shows from that moment; the bubble glides there instead of jumping.
 */
export function composite(
  screenStream: MediaStream,
  cameraStream: MediaStream,
  layout: () => BubbleLayout,
): {
  stream: MediaStream;
  stop: () => void;
} {
  const screenVideo = playing(screenStream);
  const cameraVideo = playing(cameraStream);
  const canvas = document.createElement('canvas');
  const settings = screenStream.getVideoTracks()[0]?.getSettings();
  canvas.width = even(settings?.width ?? 1280);
  canvas.height = even(settings?.height ?? 720);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  let at = bubbleGeometry(layout(), canvas.width, canvas.height);
  const draw = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (screenVideo.readyState >= 2) ctx.drawImage(screenVideo, 0, 0, canvas.width, canvas.height);
    if (cameraVideo.readyState >= 2) {
      at = glide(at, bubbleGeometry(layout(), canvas.width, canvas.height));
      const { x, y, diameter: d } = at;
      const vw = cameraVideo.videoWidth;
      const vh = cameraVideo.videoHeight;
      const side = Math.min(vw, vh);
      ctx.save();
      ctx.beginPath();
      ctx.arc(x + d / 2, y + d / 2, d / 2, 0, Math.PI * 2);
      ctx.clip();
      ctx.drawImage(cameraVideo, (vw - side) / 2, (vh - side) / 2, side, side, x, y, d, d);
      ctx.restore();
    }
  };
  // Not requestAnimationFrame: it stops while the tab is hidden, and people switch away to show
  // what they are recording.
  const stopClock = startFrameClock(30, draw);
  return {
    stream: canvas.captureStream(30),
    stop: () => {
      stopClock();
      screenVideo.srcObject = null;
      cameraVideo.srcObject = null;
    },
  };
}

function playing(stream: MediaStream): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  void video.play().catch(() => undefined);
  return video;
}

type Square = { x: number; y: number; diameter: number };

/** A quarter of the way to the target each frame: about a third of a second at 30 fps. */
function glide(from: Square, to: Square): Square {
  const step = (a: number, b: number) => (Math.abs(b - a) < 1 ? b : a + (b - a) / 4);
  return { x: step(from.x, to.x), y: step(from.y, to.y), diameter: step(from.diameter, to.diameter) };
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

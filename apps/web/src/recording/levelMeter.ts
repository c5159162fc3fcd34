import { useEffect, useState } from 'react';

/** Below this RMS level for a whole window, the microphone counts as silent. */
const SILENCE_RMS = 0.003;
const SILENT_FOR_MS = 2500;

export interface MicLevel {
  /** 0–1, for the meter. */
  level: number;
  /** Nothing heard for a few seconds (or the track is muted): warn before recording. */
  silent: boolean;
}

/** A live level for the microphone track of `stream`, read with an AnalyserNode. */
export function useMicLevel(stream: MediaStream | null): MicLevel {
  const [state, setState] = useState<MicLevel>({ level: 0, silent: false });
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track) {
      setState({ level: 0, silent: false });
      return;
    }
    const audio = new AudioContext();
    void audio.resume().catch(() => undefined);
    const source = audio.createMediaStreamSource(new MediaStream([track]));
    const analyser = audio.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let lastHeard = performance.now();
    let frame = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const rms = Math.sqrt(sum / samples.length);
      const now = performance.now();
      if (rms > SILENCE_RMS) lastHeard = now;
      const silent = track.muted || !track.enabled || now - lastHeard > SILENT_FOR_MS;
      setState((prev) => {
        const level = Math.min(1, rms * 4);
        return Math.abs(prev.level - level) < 0.01 && prev.silent === silent ? prev : { level, silent };
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void audio.close();
    };
  }, [stream]);
  return state;
}

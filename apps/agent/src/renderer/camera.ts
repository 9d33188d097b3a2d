import { frameSourceSize, waitForVideoFrames } from '@telework/face/browser';

// The face package analyses frames scaled to fit 640×480; a bigger camera picture only costs CPU.
const FRAME_MAX_WIDTH = 640;
const FRAME_MAX_HEIGHT = 480;

export type CameraStatus = { kind: 'ok'; label: string } | { kind: 'none' } | { kind: 'denied' } | { kind: 'error'; message: string };

export interface CameraDevice {
  deviceId: string;
  label: string;
}

export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** A camera picture to analyse or keep: the playing preview element, or a grabbed frame. */
export type CameraFrame = HTMLVideoElement | ImageBitmap;

export interface OpenCamera {
  video: HTMLVideoElement;
  label: string;
  /**
   * Runs `use` on a live frame. With the preview shown that is the playing element; hidden, the
   * element stays paused all day and a sample grabs a frame straight from the track (ImageCapture),
   * which costs about a quarter of playing the element for two frames (measured in Chromium with
   * the fake webcam: 6 ms against 22 ms of CPU per sample, all processes).
   */
  sample<T>(use: (frame: CameraFrame) => Promise<T>): Promise<T>;
  /** Shown: the element plays for the live preview. Hidden: paused, frames grabbed per sample. */
  setPreview(visible: boolean): Promise<void>;
  close(): void;
}

/**
 * Opens the camera at no more than 640×480 (all the face models need, and light on USB and CPU) and
 * resolves once two frames have been decoded: a fresh stream's first frame can still be blank.
 */
export async function openCamera(video: HTMLVideoElement, deviceId: string | null): Promise<OpenCamera | CameraStatus> {
  if (!navigator.mediaDevices?.getUserMedia) return { kind: 'none' };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: FRAME_MAX_WIDTH, max: FRAME_MAX_WIDTH },
        height: { ideal: FRAME_MAX_HEIGHT, max: FRAME_MAX_HEIGHT },
        // Checks are seconds apart: a low frame rate keeps the live preview cheap for an all-day app.
        frameRate: { ideal: 5, max: 5 },
      },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'denied' };
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return { kind: 'none' };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  const track = stream.getVideoTracks()[0];
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  await waitForVideoFrames(video, 2);
  let previewing = true;
  let sampling = 0;
  // Between checks with the preview hidden, a disabled track stops frames reaching this page at all
  // (a paused element alone still receives them); the camera stays open, so its light does not blink.
  const idle = () => {
    video.pause();
    if (track) track.enabled = false;
  };
  const grab = async <T>(live: MediaStreamTrack, use: (frame: CameraFrame) => Promise<T>): Promise<T> => {
    const capture = new ImageCapture(live);
    // The first frame after the track is enabled again may still be one from before: take the next.
    (await capture.grabFrame()).close();
    const bitmap = await capture.grabFrame();
    try {
      return await use(bitmap);
    } finally {
      bitmap.close();
    }
  };
  return {
    video,
    label: track?.label ?? '',
    async sample(use) {
      sampling++;
      try {
        if (track) track.enabled = true;
        if (!previewing && track && track.readyState === 'live') return await grab(track, use);
        if (video.paused) {
          await video.play();
          // A resumed element may still show the frame it paused on: wait for two new ones.
          await waitForVideoFrames(video, 2);
        }
        return await use(video);
      } finally {
        sampling--;
        if (sampling === 0 && !previewing) idle();
      }
    },
    async setPreview(visible) {
      previewing = visible;
      if (visible) {
        if (track) track.enabled = true;
        await video.play();
      } else if (sampling === 0) idle();
    },
    close: () => {
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}

/** A JPEG still of the current frame, at most 640×480, for incident evidence. */
export async function captureStill(frame: CameraFrame, quality = 0.85): Promise<Uint8Array<ArrayBuffer>> {
  const { width, height } = frameSourceSize(frame);
  const scale = Math.min(FRAME_MAX_WIDTH / width, FRAME_MAX_HEIGHT / height, 1);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d canvas context unavailable');
  ctx.drawImage(frame, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('JPEG encoding failed');
  return new Uint8Array(await blob.arrayBuffer());
}

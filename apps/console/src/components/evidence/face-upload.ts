// Console face enrolment from a file: the browser fits the photo into the agent's frame size and
// posts it to /api/upload, where the server finds the face and computes its descriptor.

/** The size every enrolment photo is stored at (the agent's webcam frame; the server refuses larger). */
const MAX = { width: 640, height: 480 };
const ACCEPTED = new Set(['image/jpeg', 'image/png']);

export class NotAnImageError extends Error {}

/**
 * The photo to send: the file itself when it already fits, otherwise a JPEG fitted into 640×480
 * (the browser applies the photo's orientation when decoding it).
 */
export async function fitForUpload(file: File): Promise<Blob> {
  if (!ACCEPTED.has(file.type)) throw new NotAnImageError();
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new NotAnImageError();
  });
  try {
    const scale = Math.min(MAX.width / bitmap.width, MAX.height / bitmap.height, 1);
    if (scale === 1) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new NotAnImageError();
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new NotAnImageError())), 'image/jpeg', 0.92));
  } finally {
    bitmap.close();
  }
}

/** The upload route's typed refusal: { error, reason?, fieldErrors?, …figures }. */
export interface UploadRefusal {
  error?: string;
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  [figure: string]: unknown;
}

/** The CSRF cookie the API set, echoed in a header (double submit), as the tRPC client does. */
function csrfToken(): string {
  const match = /(?:^|;\s*)tw_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export async function uploadFaceImage(userId: string, photo: Blob): Promise<{ ok: true; faceImageId: string } | { ok: false; refusal: UploadRefusal }> {
  const form = new FormData();
  form.set('kind', 'face');
  form.set('clientId', crypto.randomUUID());
  form.set('userId', userId);
  form.set('image', photo, photo.type === 'image/png' ? 'face.png' : 'face.jpg');
  const res = await fetch('/api/upload', { method: 'POST', body: form, headers: { 'x-csrf-token': csrfToken() }, credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as UploadRefusal & { faceImageId?: string };
  if (res.ok && typeof body.faceImageId === 'string') return { ok: true, faceImageId: body.faceImageId };
  return { ok: false, refusal: body };
}

import { z } from 'zod';

/** Events are never dropped; images are capped and the oldest go first (仕様書: offline recording). */
export type ItemClass = 'event' | 'image';
/** `face` is an enrolment still with its descriptor: an event, so it is never evicted like evidence. */
export type EventType = 'punch' | 'presence' | 'incident' | 'face' | 'consent';
export type ImageSource = 'camera' | 'screen';
/** Why evidence was taken (the server's EvidenceTrigger): with an incident, or every capture interval. */
export type ImageTrigger = 'INCIDENT' | 'INTERVAL';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface EventItem {
  class: 'event';
  seq: number;
  clientId: string;
  eventType: EventType;
  createdAt: Date;
  /** The API input of the event (punch/presence/incident), sent as-is when back online. */
  data: Record<string, JsonValue>;
}

export interface ImageItem {
  class: 'image';
  seq: number;
  clientId: string;
  /** INCIDENT: the incident event's client id; INTERVAL: the id shared by one capture's camera and screen images. */
  eventClientId: string;
  source: ImageSource;
  trigger: ImageTrigger;
  createdAt: Date;
  jpeg: Buffer;
}

export type QueueItem = EventItem | ImageItem;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const eventDataSchema = z.record(z.string(), jsonValue);

/**
 * The data of a `face` event: the enrolment JPEG as base64 and its descriptor, or (verdict-only
 * mode, issue 20) the descriptor alone with the face model that computed it: no photo is queued.
 * Items queued before the model was recorded have none; they are of the model this agent runs.
 */
export const faceEventData = z.object({ jpegBase64: z.string().min(1).optional(), descriptor: z.array(z.number()).min(1), model: z.string().min(1).max(64).optional() });
export type FaceEventData = z.infer<typeof faceEventData>;

/** What is stored inside each encrypted file, before the binary body. */
export const storedHeaderSchema = z.discriminatedUnion('class', [
  z.object({
    v: z.literal(1),
    class: z.literal('event'),
    clientId: z.uuid(),
    eventType: z.enum(['punch', 'presence', 'incident', 'face', 'consent']),
    createdAt: z.iso.datetime(),
    data: eventDataSchema,
  }),
  z.object({
    v: z.literal(1),
    class: z.literal('image'),
    clientId: z.uuid(),
    eventClientId: z.uuid(),
    source: z.enum(['camera', 'screen']),
    // Absent in items written before interval captures existed: those were all incident evidence.
    trigger: z.enum(['INCIDENT', 'INTERVAL']).optional(),
    createdAt: z.iso.datetime(),
  }),
]);
export type StoredHeader = z.infer<typeof storedHeaderSchema>;

const CLASS_LETTER = { event: 'e', image: 'i' } as const;
const ITEM_NAME = /^(\d{16})-([ei])\.twq$/;

/** Zero-padded so that a plain name sort is the queue order. */
export function itemFileName(seq: number, cls: ItemClass): string {
  return `${String(seq).padStart(16, '0')}-${CLASS_LETTER[cls]}.twq`;
}

export function parseItemFileName(name: string): { seq: number; cls: ItemClass } | null {
  const match = ITEM_NAME.exec(name);
  if (!match?.[1] || !match[2]) return null;
  return { seq: Number(match[1]), cls: match[2] === 'e' ? 'event' : 'image' };
}

/** JPEG files start with SOI + a marker; anything else is not evidence we should store. */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

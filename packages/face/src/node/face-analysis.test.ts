// Real models on real photos: the calibration of the threshold levels rests on these assertions.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitWithin } from '../image/rgb-image';
import { A_SET, BACKGROUND, GROUPS, STRANGERS, VLADO, boxBlur, fixture } from '../testing/fixtures';
import { CheckSchedule } from '../verdict/check-schedule';
import { checkEnrolmentQuality } from '../verdict/enrolment-quality';
import { judgeFrame, type FrameVerdict } from '../verdict/frame-verdict';
import { PresenceTracker, type PresenceEvent } from '../verdict/presence-tracker';
import { bestSimilarity, faceSimilarity } from '../verdict/similarity';
import { similarityThreshold } from '../verdict/threshold';
import type { FrameAnalysis } from '../verdict/types';
import { decodeImage } from './decode-image';
import { loadNodeFaceAnalyzer, type NodeFaceAnalyzer } from './load-human';

const ALL = [...VLADO, ...A_SET, ...STRANGERS, ...GROUPS, BACKGROUND];

let analyzer: NodeFaceAnalyzer | undefined;
const frames = new Map<string, FrameAnalysis>();

beforeAll(async () => {
  analyzer = await loadNodeFaceAnalyzer();
  for (const name of ALL) frames.set(name, await analyzer.analyzeFile(fixture(name)));
}, 180_000);

afterAll(() => analyzer?.dispose());

function analysed(name: string): FrameAnalysis {
  const f = frames.get(name);
  if (!f) throw new Error(`not analysed: ${name}`);
  return f;
}

function embeddingOf(name: string): readonly number[] {
  const e = analysed(name).faces[0]?.embedding;
  if (!e) throw new Error(`no embedding for ${name}`);
  return e;
}

function enrol(...names: string[]): (readonly number[])[] {
  return names.map((name) => {
    const q = checkEnrolmentQuality(analysed(name));
    if (!q.ok) throw new Error(`${name} refused for enrolment: ${q.reason}`);
    return q.embedding;
  });
}

describe('Node face analysis (Human 3.3.6, WASM)', () => {
  it('loads only the face models: no antispoof or liveness, which did not separate re-captures (README)', () => {
    expect([...(analyzer?.models ?? [])].sort()).toEqual(['blazeface', 'dlib-resnet34-v1', 'facemesh']);
  });

  it('loads antispoof and liveness when asked (the spoof measurement), and scores them on full checks only', async () => {
    const withSpoof = await loadNodeFaceAnalyzer({ spoofModels: true });
    try {
      expect([...withSpoof.models].sort()).toEqual(['antispoof', 'blazeface', 'dlib-resnet34-v1', 'facemesh', 'liveness']);
      const [full] = (await withSpoof.analyzeFile(fixture('person-vlado.jpg'))).faces;
      expect(full?.real).toBeTypeOf('number');
      expect(full?.live).toBeTypeOf('number');
      expect((await withSpoof.analyzeFile(fixture('person-vlado.jpg'), { depth: 'light' })).faces[0]).toMatchObject({ real: null, live: null });
    } finally {
      withSpoof.dispose();
    }
  });

  it('loads the model before issue 14 (faceres) for the benches: 1024 floats on full checks, none on light ones', async () => {
    const before = await loadNodeFaceAnalyzer({ descriptor: 'faceres', spoofModels: true });
    try {
      expect([...before.models].sort()).toEqual(['antispoof', 'blazeface', 'facemesh', 'faceres', 'liveness']);
      expect((await before.analyzeFile(fixture('person-vlado.jpg'))).faces[0]?.embedding).toHaveLength(1024);
      expect((await before.analyzeFile(fixture('person-vlado.jpg'), { depth: 'light' })).faces[0]?.embedding).toBeNull();
    } finally {
      before.dispose();
    }
  });

  it('a light check finds the same face in the same box, without embedding or spoof scores, for that frame only', async () => {
    const file = fixture('person-vlado.jpg');
    const light = await analyzer?.analyzeFile(file, { depth: 'light' });
    const [face] = light?.faces ?? [];
    const [full] = analysed('person-vlado.jpg').faces;
    if (!face || !full) throw new Error('no face');
    expect(light?.faces).toHaveLength(1);
    expect(face).toMatchObject({ embedding: null, real: null, live: null, box: full.box, faceScore: full.faceScore });
    // The next frame without options runs every model again: the switch does not stick in Human's config.
    const again = await analyzer?.analyzeFile(file);
    expect(faceSimilarity(again?.faces[0]?.embedding ?? [], embeddingOf('person-vlado.jpg'))).toBeGreaterThan(0.999);
  });

  it('a light check counts the faces of a group and of the empty scene like a full one', async () => {
    for (const name of [...GROUPS, BACKGROUND]) {
      const light = await analyzer?.analyzeFile(fixture(name), { depth: 'light' });
      expect(light?.faces.map((f) => f.box), name).toEqual(analysed(name).faces.map((f) => f.box));
    }
  });

  it('light frames of the enrolled worker stand for present; a stranger is never carried over', async () => {
    const enrolled = enrol('person-vlado.jpg');
    const schedule = new CheckSchedule(3);
    const depths: string[] = [];
    const check = async (name: string) => {
      const done = await schedule.check(
        async (depth) => {
          if (depth === 'full') return analysed(name); // the full analysis made in beforeAll
          const light = await analyzer?.analyzeFile(fixture(name), { depth });
          if (!light) throw new Error('no analyzer');
          return light;
        },
        (frame) => judgeFrame(frame, enrolled),
      );
      if (!done) throw new Error('check cancelled');
      depths.push(...(done.depths.length === 2 ? ['light→full', 'full'] : done.depths));
      return done.verdict.kind;
    };
    // The worker, then tetiana at another place in her photo: re-analysed in full on the same check.
    expect([await check('person-vlado.jpg'), await check('person-vlado.jpg'), await check('person-tetiana.jpg'), await check('person-tetiana.jpg')]).toEqual([
      'present', 'present', 'unknown-face', 'unknown-face',
    ]);
    expect(depths).toEqual(['full', 'light', 'light→full', 'full', 'full']);
  });

  it('fits every frame into 640×480 and finds the faces in it', () => {
    for (const name of ALL) {
      const f = analysed(name);
      expect(f.width).toBeLessThanOrEqual(640);
      expect(f.height).toBeLessThanOrEqual(480);
    }
    expect(analysed('group-3.jpg')).toMatchObject({ width: 600, height: 480 });
    for (const name of [...VLADO, ...A_SET, ...STRANGERS]) {
      const faces = analysed(name).faces;
      expect(faces, name).toHaveLength(1);
      expect(faces[0]?.embedding).toHaveLength(128);
      expect(faces[0]).toMatchObject({ real: null, live: null });
    }
    expect(analysed('group-2.jpg').faces).toHaveLength(3);
    expect(analysed('group-3.jpg').faces.length).toBeGreaterThanOrEqual(3);
    expect(analysed(BACKGROUND).faces).toHaveLength(0);
  });
});

describe('calibrated threshold levels', () => {
  const t3 = similarityThreshold(3);

  it('level 3 sits between the impostors and the genuine matches of the vlado enrolment, with margin', () => {
    const enrolled = enrol('person-vlado.jpg');
    const genuine = ['person-vlado1.jpg', 'person-vlado5.jpg'].map((n) => bestSimilarity(embeddingOf(n), enrolled));
    const impostors = [...STRANGERS, ...A_SET].map((n) => bestSimilarity(embeddingOf(n), enrolled));
    // dlib descriptors, measured: vlado1 0.48, vlado5 (sunglasses) 0.428 against 0.410; impostors at most 0.30 (christina).
    expect(Math.min(...genuine)).toBeGreaterThanOrEqual(t3 + 0.015);
    expect(Math.max(...impostors)).toBeLessThanOrEqual(t3 - 0.03);
  });

  it('judges every fixture against the enrolment of person-vlado.jpg at the default level', () => {
    const enrolled = enrol('person-vlado.jpg');
    const expected: Record<string, FrameVerdict['kind']> = {
      'person-vlado.jpg': 'present',
      'person-vlado1.jpg': 'present',
      'person-vlado5.jpg': 'present',
      'person-tetiana.jpg': 'unknown-face',
      'person-christina.jpg': 'unknown-face',
      'stock-emotions-a-1.jpg': 'unknown-face',
      'stock-emotions-a-2.jpg': 'unknown-face',
      'stock-emotions-a-3.jpg': 'unknown-face',
      'stock-emotions-a-4.jpg': 'unknown-face',
      'group-2.jpg': 'multiple-faces',
      'group-3.jpg': 'multiple-faces',
      'background.jpg': 'no-face',
    };
    const actual = Object.fromEntries(ALL.map((n) => [n, judgeFrame(analysed(n), enrolled).kind]));
    expect(actual).toEqual(expected);
  });

  it('level 5 refuses the occluded vlado5 that level 3 accepts; even level 1 refuses every stranger of vlado', () => {
    const enrolled = enrol('person-vlado.jpg');
    expect(judgeFrame(analysed('person-vlado5.jpg'), enrolled, { level: 5 }).kind).toBe('unknown-face');
    expect(judgeFrame(analysed('person-vlado1.jpg'), enrolled, { level: 5 }).kind).toBe('present');
    for (const n of [...STRANGERS, ...A_SET]) expect(judgeFrame(analysed(n), enrolled, { level: 1 }).kind, n).toBe('unknown-face');
  });

  it('accepts the a-1..4 photos for each other and refuses vlado against them', () => {
    for (const a of A_SET) {
      for (const b of A_SET) {
        if (a !== b) expect(judgeFrame(analysed(b), enrol(a)).kind, `${b} vs enrolled ${a}`).toBe('present');
      }
    }
    const enrolledA = enrol(...A_SET);
    for (const v of VLADO) expect(judgeFrame(analysed(v), enrolledA).kind, v).toBe('unknown-face');
  });
});

describe('presence loop on real verdicts', () => {
  const M = 3;
  const K = 2;

  function run(names: string[]): PresenceEvent[] {
    const enrolled = enrol('person-vlado.jpg');
    const tracker = new PresenceTracker({ awayAfterChecks: M, impersonationAfterChecks: K });
    return names.flatMap((n) => tracker.check(judgeFrame(analysed(n), enrolled)));
  }

  it('raises impersonation after K checks of each stranger', () => {
    for (const stranger of [...STRANGERS, ...A_SET]) {
      const events = run(['person-vlado.jpg', stranger, stranger]);
      expect(events.map((e) => (e.type === 'incident' ? e.kind : e.type === 'cameraCovered' ? e.type : e.to)), stranger).toEqual(['present', 'impersonation']);
      expect(run(['person-vlado.jpg', stranger]), stranger).toHaveLength(1);
    }
  });

  it('raises peeking on the group photos, and sees vlado among the three faces of group-2', () => {
    // group-2 shows vlado with two others (0.63 to the enrolment, the others 0.19 and 0.11): peeking, worker present.
    expect(run(['group-2.jpg'])).toEqual([
      { type: 'incident', kind: 'peeking', faceCount: 3, bestSimilarity: expect.any(Number) },
      { type: 'presenceChanged', from: 'unknown', to: 'present', consecutiveChecks: 1, bestSimilarity: expect.any(Number) },
    ]);
    // group-3 shows strangers only: peeking, and nobody is confirmed at the PC.
    expect(run(['group-3.jpg'])).toEqual([
      { type: 'incident', kind: 'peeking', faceCount: analysed('group-3.jpg').faces.length, bestSimilarity: expect.any(Number) },
    ]);
    const enrolled = enrol('person-vlado.jpg');
    expect(judgeFrame(analysed('group-2.jpg'), enrolled)).toMatchObject({ workerAmongFaces: true });
    expect(judgeFrame(analysed('group-3.jpg'), enrolled)).toMatchObject({ workerAmongFaces: false });
  });

  it('goes away after M empty frames and comes back with vlado', () => {
    const events = run(['person-vlado5.jpg', BACKGROUND, BACKGROUND, BACKGROUND, 'person-vlado1.jpg']);
    expect(events).toEqual([
      { type: 'presenceChanged', from: 'unknown', to: 'present', consecutiveChecks: 1, bestSimilarity: expect.any(Number) },
      { type: 'presenceChanged', from: 'present', to: 'away', consecutiveChecks: M, bestSimilarity: null },
      { type: 'presenceChanged', from: 'away', to: 'present', consecutiveChecks: 1, bestSimilarity: expect.any(Number) },
    ]);
  });
});

describe('enrolment quality on real photos', () => {
  it('accepts clear single-face photos', () => {
    for (const name of ['person-vlado.jpg', ...A_SET, ...STRANGERS]) expect(checkEnrolmentQuality(analysed(name)).ok, name).toBe(true);
  });

  it('refuses group photos, an empty scene and a tiny face', () => {
    expect(checkEnrolmentQuality(analysed('group-2.jpg'))).toEqual({ ok: false, reason: 'multiple-faces', faceCount: 3 });
    expect(checkEnrolmentQuality(analysed('group-3.jpg'))).toMatchObject({ ok: false, reason: 'multiple-faces' });
    expect(checkEnrolmentQuality(analysed(BACKGROUND))).toEqual({ ok: false, reason: 'no-face' });
    expect(checkEnrolmentQuality(analysed('person-vlado1.jpg'))).toMatchObject({ ok: false, reason: 'face-too-small' });
  });

  it('refuses a blurred copy of the enrolment photo that it accepts sharp', async () => {
    const sharp = fitWithin(decodeImage(readFileSync(fixture('person-vlado.jpg'))));
    const soft = await analyzer?.analyzeRgb(boxBlur(sharp, 3));
    expect(soft?.faces).toHaveLength(1);
    expect(soft && checkEnrolmentQuality(soft)).toMatchObject({ ok: false, reason: 'blurred' });
  });
});

import { describe, expect, it } from 'vitest';
import { usableDescriptors } from './face-descriptors';

const d128 = Array.from({ length: 128 }, (_, i) => i / 128);

describe('usableDescriptors', () => {
  it('keeps the descriptors of the agent’s own model', () => {
    expect(usableDescriptors({ model: 'dlib-resnet34-v1', faces: [{ descriptor: d128 }] })).toEqual([d128]);
  });

  it('refuses every descriptor of another model, and one of the wrong length', () => {
    expect(usableDescriptors({ model: 'human-faceres', faces: [{ descriptor: d128 }] })).toEqual([]);
    expect(usableDescriptors({ model: 'dlib-resnet34-v1', faces: [{ descriptor: Array(1024).fill(0.1) }, { descriptor: d128 }] })).toEqual([d128]);
  });
});

import { DESCRIPTOR_LENGTH, DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';

/** What agent.faces.descriptors answers (only the parts the agent reads). */
export interface DescriptorsAnswer {
  model: string;
  faces: { descriptor: number[] }[];
}

/**
 * The enrolment descriptors this agent may compare frames with: none when the server speaks of
 * another face model (an older or newer server), and never one of another length. Comparing another
 * model's numbers would turn the enrolled worker into a stranger (impersonation incidents), so the
 * worker is shown as not enrolled instead until the server has re-computed the descriptors.
 */
export function usableDescriptors(answer: DescriptorsAnswer): number[][] {
  if (answer.model !== DESCRIPTOR_MODEL_VERSION) return [];
  return answer.faces.map((f) => f.descriptor).filter((d) => d.length === DESCRIPTOR_LENGTH);
}

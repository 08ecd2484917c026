const stepLine = /^\s*(?:\d+[.):]|[-*•]|step\s+\d+\b)/i;

/**
 * Number of reasoning steps in a text, for the Agent Quality Index's reasoning depth (seed 003:
 * "average number of reasoning steps per goal execution"). Enumerated lines ("1.", "2)", "- ",
 * "* ", "• ", "Step 3") are steps when there are any; otherwise each sentence (ending in . ! ?) is one.
 */
export function reasoningSteps(text: string): number {
  const lines = text.split(/\r?\n/);
  const enumerated = lines.filter((line) => stepLine.test(line)).length;
  if (enumerated > 0) return enumerated;
  return text
    .split(/[.!?]+(?:\s+|$)/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0).length;
}

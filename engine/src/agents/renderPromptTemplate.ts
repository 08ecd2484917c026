/**
 * The agent's own instructions are a template with `{{placeholder}}` slots, filled from trusted
 * values only (the config and the season's rules, never market or news text), so a template can
 * never pull untrusted text into the instructions part of a prompt.
 */
export const promptPlaceholders = ["name", "style", "symbols", "arena", "season"] as const;
export type PromptPlaceholder = (typeof promptPlaceholders)[number];
export type PromptTemplateValues = Record<PromptPlaceholder, string>;

const slot = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a template uses, in order of appearance (duplicates kept). */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(slot)].map((match) => match[1] ?? "");
}

/** Fills every `{{name}}` slot; a slot that is not a known placeholder is left as written. */
export function renderPromptTemplate(template: string, values: PromptTemplateValues): string {
  return template.replace(slot, (whole, name: string) =>
    (promptPlaceholders as readonly string[]).includes(name) ? values[name as PromptPlaceholder] : whole,
  );
}

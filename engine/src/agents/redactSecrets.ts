/** Shorter values are not treated as secrets: replacing them would garble ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Replaces every occurrence of the given secrets in a text with "[redacted]". Applied to everything
 * an agent records that came from outside (error bodies, reply texts), so that an endpoint echoing
 * the Authorization header cannot leak a key into the decision log.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets)
    if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join("[redacted]");
  return result;
}

/** A setting that is missing or wrong: the start stops with this message (secret values never shown). */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

import { fnOption, oneOf, optionsObject, parseOptions } from "./options.js";
import type { Redactor } from "./redact.js";

const jsonLoggerSchema = optionsObject({
  level: oneOf(["trace", "debug", "info", "warn", "error"]).optional(),
  write: fnOption().optional(),
});

/** Log levels, as pino names them. */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** A pino-style log call: a structured object first, then an optional message. */
export type LogFn = (obj: Record<string, unknown>, msg?: string) => void;

/**
 * The logger Ledgerline writes to. A `pino` logger satisfies it as is; so does anything with the same
 * five methods and `child`. Ledgerline is silent unless you pass one.
 */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger;
  /** Optional fast check (pino has it) so Ledgerline skips building lines nobody will see. */
  isLevelEnabled?(level: LogLevel): boolean;
}

const noop: LogFn = () => {};

/** The default logger: discards everything. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
  isLevelEnabled: () => false,
};

/** True if `logger` may emit at `level` (loggers without `isLevelEnabled` are assumed to). */
export function levelEnabled(logger: Logger, level: LogLevel): boolean {
  return logger.isLevelEnabled ? logger.isLevelEnabled(level) : true;
}

/**
 * Wraps `logger` so every object and message passes through `redactor` first — a second line of
 * defence behind the redaction Ledgerline already applies when it builds a log line.
 */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  if (logger === silentLogger) return logger;
  const wrap =
    (fn: LogFn): LogFn =>
    (obj, msg) =>
      fn.call(logger, redactor.value(obj), msg === undefined ? undefined : redactor.text(msg));
  return {
    trace: wrap(logger.trace),
    debug: wrap(logger.debug),
    info: wrap(logger.info),
    warn: wrap(logger.warn),
    error: wrap(logger.error),
    child: (bindings) => redactingLogger(logger.child(redactor.value(bindings)), redactor),
    isLevelEnabled: (level) => levelEnabled(logger, level),
  };
}

const LEVELS: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50 };

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written. @default "info" */
  level?: LogLevel;
  /** Where each JSON line goes. @default process.stderr */
  write?: (line: string) => void;
}

/** A minimal pino-compatible JSON-lines logger for apps that don't use pino. */
export function createJsonLogger(
  options: JsonLoggerOptions = {},
  bindings: Record<string, unknown> = {},
): Logger {
  parseOptions(jsonLoggerSchema, options, "createJsonLogger");
  const min = LEVELS[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const at =
    (level: LogLevel): LogFn =>
    (obj, msg) => {
      if (LEVELS[level] < min) return;
      write(JSON.stringify({ level, time: Date.now(), ...bindings, ...obj, ...(msg ? { msg } : {}) }));
    };
  return {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (extra) => createJsonLogger(options, { ...bindings, ...extra }),
    isLevelEnabled: (level) => LEVELS[level] >= min,
  };
}

/*
 * Text that came from outside (a hook's answer or error output, a plan) on its way to a terminal:
 * control characters would move the cursor, clear the screen or set the window title (ESC[2J, OSC
 * sequences). They are written out as escapes instead, so the value stays visible and harmless.
 */

// C0 and C1 controls and DEL; newlines and tabs are kept by `printableLines` only. Matching
// control characters is the point of these expressions.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

const escape = (ch: string) =>
  `\\x${ch.codePointAt(0)!.toString(16).padStart(2, "0").toUpperCase()}`;

/** One value on one line: every control character written as `\x1B`. */
export function printable(text: string): string {
  return text.replace(CONTROL, escape);
}

/** Output of several lines (a hook's stderr): lines and tabs kept, other controls escaped. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, escape);
}

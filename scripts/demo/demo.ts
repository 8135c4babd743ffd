/** What every part of the demo shares: where it works, and how it speaks. */
export interface Demo {
  readonly workdir: string;
  say(line?: string): void;
}

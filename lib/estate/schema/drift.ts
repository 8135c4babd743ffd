import { z } from "zod";
import { MANAGER_NAME } from "../grammar";
import { quote } from "../messages";
import { hostName, inventoryName } from "./common";

/*
 * What ksv drift may know and leave unreported: a difference the site has decided about (a host in
 * maintenance, a cluster being rebuilt), until a date. Read by ksv drift, not by the stacks.
 */

/** A calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30). */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === text;
}

/** Why a difference is acknowledged: one line of plain text, for the report (no control characters). */
// eslint-disable-next-line no-control-regex
const REASON = /^[^\u0000-\u001f\u007f-\u009f]{1,500}$/u;

export const driftIgnoreSchema = z.strictObject({
  manager: z.string().regex(MANAGER_NAME, {
    error: (issue) => `${quote(issue.input)} is not a manager name`,
  }),
  cluster: inventoryName.optional().meta({ description: "Only this cluster's findings." }),
  host: hostName.optional().meta({ description: "Only this host's findings." }),
  reason: z.string().regex(REASON, {
    error: () => "must be one line of text (at most 500 characters): why this difference is known",
  }),
  until: z
    .string()
    .regex(DATE, {
      error: (issue) => `${quote(issue.input)} is not a date; write YYYY-MM-DD (UTC)`,
    })
    .refine(isCalendarDate, { message: "is not a date of the calendar" })
    .meta({
      description:
        "The last day (UTC) the entry applies; after it, its findings count again and the entry is a warning.",
    }),
});

export const driftSchema = z
  .strictObject({
    ignore: z.array(driftIgnoreSchema).default([]).meta({
      description:
        "Known differences ksv drift reports as ignored (with the reason and date) and does not count.",
    }),
  })
  .meta({ description: "ksv drift's settings." });

export type DriftIgnore = z.output<typeof driftIgnoreSchema>;
export type DriftSettings = z.output<typeof driftSchema>;

import type { z } from "zod";
import { ERROR_CODE, MODULE, NsxApiError, type RelatedApiError } from "./nsx-api-error";

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
  if (issue.code === "unrecognized_keys") {
    return `${where}: unrecognized field(s) ${issue.keys.join(", ")}`;
  }
  return `${where}: ${issue.message}`;
}

/** The body as JSON, or NSX's 400 when it is not JSON (or is missing where one is required). */
export function parseJsonBody(rawBody: string): unknown {
  if (rawBody.trim() === "") {
    throw new NsxApiError(400, ERROR_CODE.unparsableBody, "The request body is missing.");
  }
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    throw new NsxApiError(
      400,
      ERROR_CODE.unparsableBody,
      `The request body could not be parsed as JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * A body checked against a schema written from the reference; every problem is reported at once,
 * as NSX does with its "Field level validation errors" (one related error per field).
 */
export function validateBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const messages = result.error.issues.map(describeIssue);
  const related: RelatedApiError[] = messages.map((message) => ({
    httpStatus: "BAD_REQUEST",
    error_code: ERROR_CODE.fieldValidation,
    module_name: MODULE.common,
    error_message: message,
  }));
  throw new NsxApiError(
    400,
    ERROR_CODE.fieldValidation,
    `Field level validation errors: {${messages.join("; ")}}`,
    MODULE.common,
    related,
  );
}

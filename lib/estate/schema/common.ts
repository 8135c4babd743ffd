import { z } from "zod";
import { HOST, INVENTORY_NAME, isHostNameOrIPv4 } from "../grammar";
import { quote } from "../messages";
import { BEYOND_SCHEMA } from "../validation";

/* Building blocks of the estate's schemas: named grammars and lists of unique values. */

export function grammar(test: (value: string) => boolean, what: string) {
  return z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: "custom", message: `${quote(value)} is not ${what}` });
  });
}

export const hostName = grammar(isHostNameOrIPv4, "a valid host name or IPv4 address").meta({
  description: "DNS host name or IPv4 address",
  pattern: HOST.source,
});

export const inventoryNameOf = (what: string) =>
  grammar(
    (v) => INVENTORY_NAME.test(v),
    `a valid ${what} (letters, digits, spaces and _ . - ( ) + @ #, at most 80 characters)`,
  ).meta({ pattern: INVENTORY_NAME.source });

export const inventoryName = inventoryNameOf("vSphere name");

/**
 * Lists whose entries are values, each once (JSON Schema's uniqueItems compares alike). `sameAs`
 * folds two spellings of one value (`03:1027:2` and `3:1027:2`): a check JSON Schema cannot make.
 */
export const uniqueList = <T extends z.ZodType<string>>(
  item: T,
  sameAs?: (value: string) => string,
) =>
  z
    .array(item)
    .meta({ uniqueItems: true })
    .superRefine((items, ctx) => {
      const firstAt = new Map<string, number>();
      items.forEach((item, index) => {
        const key = sameAs ? sameAs(item) : item;
        const first = firstAt.get(key);
        if (first === undefined) {
          firstAt.set(key, index);
          return;
        }
        const twice = items[first] === item;
        ctx.addIssue({
          code: "custom",
          path: [index],
          ...(twice ? {} : { params: BEYOND_SCHEMA }),
          message: twice
            ? `${quote(item)} is listed twice (first at [${first}]); keep one`
            : `${quote(item)} is ${quote(items[first])} (at [${first}]) written another way; keep one`,
        });
      });
    });

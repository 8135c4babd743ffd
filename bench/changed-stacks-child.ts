import { changedStacks } from "../app/changed-stacks";

/*
 * Run by bench/changed-stacks.ts in a process of its own: which stacks of $KSV_ESTATE changed
 * since the ref given, as npm run plan-review -- --changed-since decides it before planning.
 */

const estateFile = process.env.KSV_ESTATE;
const ref = process.argv[2];
if (!estateFile || !ref) throw new Error("usage: KSV_ESTATE=<file> changed-stacks-child <ref>");
process.stdout.write(`${JSON.stringify(changedStacks({ estateFile, ref }).changed)}\n`);

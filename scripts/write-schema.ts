import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../app/project-root";
import { estateJsonSchema } from "../lib/estate/json-schema";

// Writes schema/estate.schema.json from the zod schema; a unit test fails when it is stale.
const target = path.join(PROJECT_ROOT, "schema", "estate.schema.json");
fs.writeFileSync(target, `${JSON.stringify(estateJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);

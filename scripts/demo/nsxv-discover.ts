import * as fs from "fs";
import * as path from "path";
import { discoverEstate } from "../../app/discover";
import { EXAMPLE_ESTATE_FILE } from "../../app/estate-file";
import { parseEstate } from "../../app/load-estate";
import { plural } from "../../lib/text";
import type { Demo } from "./demo";
import { INVENTORY_HOOK } from "./nsxv-mode-change";

/*
 * The NSX-V part's last step: vCenter gains a host, and ksv discover takes it into the estate
 * file in place. The file is the example estate as shipped (its comments included) with one line
 * added, hooks.inventory; "vCenter" is the example hooks' inventory file, as in the steps before.
 */

export async function nsxvDiscover(demo: Demo): Promise<void> {
  const { say, workdir } = demo;
  const estateFile = path.join(workdir, "estate.yaml");
  const inventory = path.join(workdir, "inventory.json");
  const example = fs.readFileSync(EXAMPLE_ESTATE_FILE, "utf8");
  const before = example.replace(
    /^managers:$/m,
    `hooks: { inventory: ${JSON.stringify(INVENTORY_HOOK)} }\n\nmanagers:`,
  );
  fs.writeFileSync(estateFile, before);
  const nsxv = parseEstate(before, estateFile).estate.managers.find((m) => m.kind === "nsx-v")!;
  const [first, ...others] = nsxv.clusters;
  const newHost = `esx-new.${nsxv.address.split(".").slice(1).join(".")}`;
  const json = JSON.parse(fs.readFileSync(inventory, "utf8"));
  json.managers[nsxv.name].fabric = {
    clusters: [{ ...first, hosts: [...first.hosts, newHost] }, ...others],
  };
  fs.writeFileSync(inventory, JSON.stringify(json, null, 2));

  say(`6b. vCenter gets a new host in ${first.name}. ksv discover takes it into the estate file:`);
  const options = {
    managers: [nsxv.name],
    estateFile,
    env: { KSV_INVENTORY: inventory },
    printWarnings: false,
  };
  const check = await discoverEstate({ ...options, check: true });
  say(`    ksv discover ${nsxv.name} --check: exit ${check.exitCode} (the file would change)`);
  const report = await discoverEstate({ ...options, check: false });
  for (const change of report.discovery.managers.flatMap((m) => m.changes)) {
    say(`    ${nsxv.name}: ${change.cluster}: added ${change.added.join(", ")}`);
  }
  const lines = (text: string) => text.split("\n");
  const after = lines(fs.readFileSync(estateFile, "utf8"));
  const changed = after.filter((line, i) => line !== lines(before)[i]);
  for (const line of lines(before).filter((l) => !after.includes(l))) say(`    - ${line.trim()}`);
  for (const line of changed) say(`    + ${line.trim()}`);
  say(
    `    ${path.basename(estateFile)}: ${plural(changed.length, "line", "lines")} changed, the other ${after.length - changed.length} as they were, comments included`,
  );
}

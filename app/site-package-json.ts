import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./project-root";

/*
 * The package.json of a site's estate repository (npx ksv init), written from this package's own:
 * its version, its constructs, the cdktf CLI it is developed with (cdktf-cli, or cdktn-cli after
 * `npm run switch:cdktn`), its Node requirement and its npm overrides.
 */

/** What of this package's package.json the site's is written from. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
  readonly overrides?: Readonly<Record<string, unknown>>;
}

function ownManifest(): PackageManifest {
  return JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"),
  ) as PackageManifest;
}

/** The CLIs `cdktf diff | deploy` can run with: the CDK for Terraform's, or CDK Terrain's. */
const CLI_PACKAGES = ["cdktf-cli", "cdktn-cli"];

/**
 * npm applies `overrides` only from the package.json at the root of an install, never from a
 * dependency's. The package's own (CDK Terrain needs one) are carried to the site, with the
 * `$name` references, which name a dependency of the root, replaced by this package's spec.
 */
function resolveOverrides(value: unknown, manifest: PackageManifest): unknown {
  if (typeof value === "string" && value.startsWith("$")) {
    const name = value.slice(1);
    return manifest.dependencies?.[name] ?? manifest.devDependencies?.[name] ?? value;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, resolveOverrides(inner, manifest)]),
    );
  }
  return value;
}

function sharedDependency(name: string, manifest: PackageManifest): Record<string, string> {
  const spec = manifest.dependencies?.[name];
  return spec === undefined ? {} : { [name]: spec };
}

/** This package's npm overrides as an install's root must give them; undefined when it has none. */
export function rootOverrides(manifest = ownManifest()): unknown {
  return manifest.overrides && resolveOverrides(manifest.overrides, manifest);
}

/** An npm package name made of a folder's name: lower case, letters, digits, - . _ */
function packageNameOf(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name || "ksv-estate";
}

/** The site's package.json as text. */
export function sitePackageJson(folderName: string, manifest = ownManifest()): string {
  const cli = CLI_PACKAGES.find((name) => manifest.devDependencies?.[name] !== undefined);
  if (!cli)
    throw new Error(`${manifest.name}'s package.json names no ${CLI_PACKAGES.join(" or ")}`);
  const cliBin = cli.replace(/-cli$/, "");
  const site: Record<string, unknown> = {
    name: packageNameOf(folderName),
    description: "Kaspersky Network Threat Protection estate of this site (README.md)",
    // An estate repository is never published.
    private: true,
    scripts: {
      // The app itself, as `cdktf synth` runs it: no CLI, no network.
      synth: "node main.js",
      diff: `${cliBin} diff`,
      deploy: `${cliBin} deploy`,
      "plan-review": "ksv plan-review",
    },
    dependencies: {
      // One copy of constructs for cdktf and this package, at this package's version: the cdktf
      // CLI depends on an older one, which npm would otherwise put at the root, beside cdktf,
      // and two copies fail at synth ("scope.node._scopes is not iterable").
      ...sharedDependency("constructs", manifest),
      [manifest.name]: `^${manifest.version}`,
    },
    devDependencies: { [cli]: manifest.devDependencies![cli] },
  };
  if (manifest.engines) site.engines = manifest.engines;
  const overrides = rootOverrides(manifest);
  if (overrides) site.overrides = overrides;
  return `${JSON.stringify(site, null, 2)}\n`;
}

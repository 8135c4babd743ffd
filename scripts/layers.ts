/*
 * Which folder may import which: data flows one way, estate → model → rules → constructs → stacks
 * → commands, and the readers of plans and state know the stacks only through lib/contract.
 * test/unit/layers.test.ts enforces it on every import; README's "Project layout" is written from
 * it (npm run docs).
 */

export interface Layer {
  /** A folder or file of the project. */
  readonly path: string;
  /** What it holds, for README. */
  readonly holds: string;
  /** The layers it may import, besides itself. */
  readonly mayImport: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  {
    path: "lib/contract",
    holds:
      "the contract between stacks and readers of their plans: vocabularies, roles, resource names, keys, the apply order",
    mayImport: [],
  },
  { path: "lib/user-error.ts", holds: "the error a user acts on (no stack trace)", mayImport: [] },
  { path: "lib/map-limited.ts", holds: "a bounded worker pool", mayImport: [] },
  { path: "lib/text", holds: "counts, lists and safe markdown for every report", mayImport: [] },
  {
    path: "lib/cli",
    holds: "running a command: messages for the user, exit codes, --format",
    mayImport: ["lib/user-error.ts"],
  },
  {
    path: "lib/estate",
    holds:
      "zod schema (types, validation, JSON Schema), YAML reader, loader with paths and lines, cross-entry checks",
    mayImport: ["lib/contract", "lib/user-error.ts"],
  },
  {
    path: "lib/rules",
    holds: "protection rules, one file per rule id, applied as an Aspect",
    mayImport: ["lib/estate", "lib/contract", "lib/user-error.ts"],
  },
  {
    path: "lib/constructs",
    holds: "NetworkThreatProtection and its parts, LifecycleResource, state backends",
    mayImport: ["lib/rules", "lib/estate", "lib/contract", "lib/user-error.ts"],
  },
  {
    path: "lib/terraform",
    holds: "running terraform: version check, init, plan, show, apply",
    mayImport: ["lib/contract", "lib/user-error.ts"],
  },
  {
    path: "lib/hook-runner",
    holds:
      "running a read-only hook (verify, inventory): its KSV_* context, bounded time and answer, its process group ended, its stderr printable",
    mayImport: ["lib/contract", "lib/text", "lib/user-error.ts"],
  },
  {
    path: "lib/plan-review",
    holds: "plan JSON → facts (data) → markdown / JSON",
    mayImport: ["lib/contract", "lib/text", "lib/cli", "lib/user-error.ts"],
  },
  {
    path: "lib/verify",
    holds: "the verify hook's contract, running it, judging what exists; the drift report",
    mayImport: [
      "lib/plan-review",
      "lib/hook-runner",
      "lib/contract",
      "lib/text",
      "lib/map-limited.ts",
      "lib/user-error.ts",
    ],
  },
  {
    path: "lib/discover",
    holds:
      "the inventory hook's answer, estate clusters + inventory → the hosts to add and remove, the estate file's hosts rewritten in place (text splices)",
    mayImport: ["lib/estate", "lib/hook-runner", "lib/contract", "lib/text", "lib/user-error.ts"],
  },
  {
    path: "lib/rollout",
    holds:
      "a reviewed change in waves of whole clusters under a budget of unprotected hosts, each wave's plan checked against the review, each wave verified",
    mayImport: [
      "lib/plan-review",
      "lib/verify",
      "lib/contract",
      "lib/text",
      "lib/map-limited.ts",
      "lib/user-error.ts",
    ],
  },
  { path: "lib/index.ts", holds: "the library's entry point", mayImport: ["lib"] },
  {
    path: "stacks",
    holds: "NsxvProtectionStack, NsxtProtectionStack, estate → stacks, the example estate",
    mayImport: ["lib"],
  },
  {
    path: "app",
    holds:
      "what the commands do: load an estate and apply the rules, synthesize, plan stacks, ksv plan-review, ksv apply, ksv managers, ksv rollout, ksv adopt, ksv drift, ksv discover, ksv init, ksv-plan-review",
    mayImport: ["stacks", "lib"],
  },
  {
    path: "simulator",
    holds:
      "ksv-nsxt-simulator: a server of the NSX-T Manager API (and vCenter's) for tests and the demo, written from VMware's published reference; not part of the library",
    mayImport: [],
  },
  {
    path: "hooks",
    holds:
      "ksv-nsxt-hook: reference hooks that talk to a real NSX-T Manager (and vCenter) through its published API; one file per concern, NSX-V to come as a sibling folder",
    mayImport: ["lib/contract"],
  },
];

/** The source folders the layers cover. */
export const LAYERED_FOLDERS = ["lib", "stacks", "app", "simulator", "hooks"] as const;

import { DEPENDS_ON, MANAGER_KINDS, type ManagerKind, type Role } from "../contract";
import { CREATES, REMOVES, type ManagerResources } from "./manager-resources";
import { APPLY_STEPS, type ApplyOrder, type ApplyStep, type ApplyStepId } from "./model";

/*
 * The order Terraform applies a manager's changes in, drawn from lib/contract's apply order (the
 * same the constructs write into the stacks): a dependency is created before what depends on it
 * and removed after it; a replaced resource's old instance goes before its new one comes.
 */

type Phase = "remove" | "create";

/** The step each role's removal and creation is, where the review draws one. */
const STEP_OF: ReadonlyArray<{
  readonly id: ApplyStepId;
  readonly role: Role;
  readonly phase: Phase;
}> = [
  { id: "remove-nsx-objects", role: "nsx-objects", phase: "remove" },
  { id: "remove-groups", role: "nsx-group", phase: "remove" },
  { id: "remove-svms", role: "service-deployment", phase: "remove" },
  { id: "remove-segment", role: "service-segment", phase: "remove" },
  { id: "unregister-service", role: "protection-service", phase: "remove" },
  { id: "register-service", role: "protection-service", phase: "create" },
  { id: "create-segment", role: "service-segment", phase: "create" },
  { id: "deploy-svms", role: "service-deployment", phase: "create" },
  { id: "upgrade-svms", role: "svm-image", phase: "create" },
  { id: "create-nsx-objects", role: "nsx-objects", phase: "create" },
  { id: "apply-groups", role: "group-members", phase: "create" },
  { id: "apply-rules", role: "redirection-rules", phase: "create" },
];

function stepOf(role: Role, phase: Phase): ApplyStepId | undefined {
  return STEP_OF.find((step) => step.role === role && step.phase === phase)?.id;
}

/**
 * Which step must finish before which, for a manager of `kind` (of any kind when unknown): from
 * the contract's dependencies, and for each replaced role its removal before its creation.
 */
function precedence(
  kind: ManagerKind | undefined,
  replaced: ReadonlySet<Role>,
): Array<readonly [ApplyStepId, ApplyStepId]> {
  const pairs: Array<readonly [ApplyStepId, ApplyStepId]> = [];
  const add = (from: ApplyStepId | undefined, to: ApplyStepId | undefined) => {
    if (from && to && !pairs.some(([a, b]) => a === from && b === to)) pairs.push([from, to]);
  };
  for (const k of kind ? [kind] : MANAGER_KINDS) {
    for (const [role, dependencies] of Object.entries(DEPENDS_ON[k]) as Array<[Role, Role[]]>) {
      for (const dependency of dependencies) {
        add(stepOf(dependency, "create"), stepOf(role, "create"));
        add(stepOf(role, "remove"), stepOf(dependency, "remove"));
      }
    }
  }
  for (const role of replaced) add(stepOf(role, "remove"), stepOf(role, "create"));
  return pairs;
}

export function applyOrder(resources: ManagerResources): ApplyOrder {
  const { trafficMode } = resources;
  const removedClusters = resources.clustersWhere(REMOVES);
  const createdClusters = resources.clustersWhere(CREATES);
  const candidates = new Map<ApplyStepId, ApplyStep>(
    STEP_OF.map(({ id, role, phase }) => [
      id,
      { id, count: resources.countOf(role, phase === "remove" ? REMOVES : CREATES) },
    ]),
  );
  candidates.set("remove-svms", {
    id: "remove-svms",
    count: removedClusters.length,
    hostCount: resources.hostCount(removedClusters, "before"),
  });
  // An image recorded with a new deployment runs upgradeSvms as a no-op: only upgrades are steps.
  candidates.set("upgrade-svms", {
    id: "upgrade-svms",
    count: resources.upgradedClusters.length,
    hostCount: resources.hostCount(resources.upgradedClusters, "before"),
  });
  candidates.set("deploy-svms", {
    id: "deploy-svms",
    count: createdClusters.length,
    hostCount: resources.hostCount(createdClusters, "after"),
  });
  const withMode = (id: ApplyStepId, mode: string | null) => {
    if (mode) candidates.set(id, { ...candidates.get(id)!, trafficMode: mode });
  };
  withMode("unregister-service", trafficMode.before);
  withMode("register-service", trafficMode.after);

  const steps = APPLY_STEPS.map((id) => candidates.get(id)!).filter((step) => step.count > 0);
  const present = new Set(steps.map((step) => step.id));
  const replaced = new Set(
    STEP_OF.map((step) => step.role).filter((role) => resources.counts[role].replace > 0),
  );
  const policy = resources.counts["threat-policy"];
  return {
    steps,
    edges: directEdges(precedence(resources.managerKind, replaced), present),
    policy:
      policy.create + policy.replace + policy.update > 0
        ? "apply"
        : policy.delete > 0
          ? "remove"
          : null,
  };
}

/**
 * The edges between present steps that the order needs: A → B when A must precede B (directly, or
 * through steps that do not run), and no present step lies on a path between them.
 */
function directEdges(
  precedes: ReadonlyArray<readonly [ApplyStepId, ApplyStepId]>,
  present: ReadonlySet<ApplyStepId>,
): Array<readonly [ApplyStepId, ApplyStepId]> {
  const next = new Map<ApplyStepId, ApplyStepId[]>();
  for (const [from, to] of precedes) next.set(from, [...(next.get(from) ?? []), to]);
  /** Steps reachable from `from` (at least one edge away). */
  const reach = (from: ApplyStepId): Set<ApplyStepId> => {
    const seen = new Set<ApplyStepId>();
    const stack = [...(next.get(from) ?? [])];
    while (stack.length > 0) {
      const step = stack.pop()!;
      if (seen.has(step)) continue;
      seen.add(step);
      stack.push(...(next.get(step) ?? []));
    }
    return seen;
  };
  const reachable = new Map(APPLY_STEPS.map((step) => [step, reach(step)]));
  const edges: Array<readonly [ApplyStepId, ApplyStepId]> = [];
  for (const from of APPLY_STEPS) {
    if (!present.has(from)) continue;
    for (const to of APPLY_STEPS) {
      if (!present.has(to) || !reachable.get(from)!.has(to)) continue;
      const between = APPLY_STEPS.some(
        (mid) =>
          present.has(mid) &&
          mid !== from &&
          mid !== to &&
          reachable.get(from)!.has(mid) &&
          reachable.get(mid)!.has(to),
      );
      if (!between) edges.push([from, to]);
    }
  }
  return edges;
}

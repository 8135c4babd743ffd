#!/usr/bin/env node
"use strict";
/*
 * AN EXAMPLE, NOT AN NSX OR KSC CLIENT. One script for every hook of ksv-ntp-cdktf: it keeps what
 * "NSX Manager and Kaspersky Security Center" would hold in a local JSON file, so that the tests
 * and `npm run demo` can deploy, adopt and check for drift without a datacenter, and so that a
 * site can see what its real scripts must do at each step:
 *
 *   register / unregister        register the Kaspersky Network Protection service / remove it
 *   createSegment / removeSegment  the NSX-T service segment
 *   deploySvms / removeSvms      a cluster's service deployment (an SVM on each of KSV_HOSTS)
 *   upgradeSvms                  a cluster's SVMs on a new image (KSV_SVM_IMAGE_URL), in place
 *   createObjects / removeObjects  the service's objects (and, removed with them, the redirection)
 *   applyGroup / removeGroup     a group and its members (KSV_GROUP, KSV_GROUP_MEMBERS)
 *   applyRules                   the ordered redirection rules and failure policy (KSV_RULES, ...)
 *   applyPolicy                  the Network Threat Protection policy in KSC (KSV_POLICY)
 *   verify                       print what exists for one resource (KSV_ROLE), as JSON
 *   inventory                    print the manager's clusters and hosts (ksv discover), as JSON
 *
 * Everything arrives in KSV_* environment variables. Real scripts take credentials from their
 * environment too (never from the estate). The inventory file is KSV_INVENTORY (default
 * ./ksv-inventory.json); with KSV_HOOK_LOG set, every hook but verify and inventory appends a
 * line to it. Two switches exist for tests and the demo, to show what a site's checks catch:
 * KSV_EXAMPLE_BROKEN_UPGRADE (clusters, comma-separated) makes upgradeSvms report success and
 * change nothing; removeGroup waits, as NSX refuses to delete a group a rule still names, at most
 * KSV_EXAMPLE_GROUP_WAIT_SECONDS (default 30).
 */
const fs = require("fs");
const path = require("path");

const env = process.env;
const file = path.resolve(env.KSV_INVENTORY || "ksv-inventory.json");

function fail(message) {
  process.stderr.write(`inventory-hook: ${message}\n`);
  process.exit(2);
}

function need(name) {
  const value = env[name];
  if (value === undefined) fail(`${name} is not set (hook ${env.KSV_HOOK})`);
  return value;
}

/** Terraform runs the hooks of several clusters at once: one writer at a time. */
function withLock(body) {
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST" || attempt > 3000) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
  try {
    return body();
  } finally {
    fs.rmdirSync(lock);
  }
}

function read() {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return { managers: {} };
    return fail(`${file} is not an inventory: ${error.message}`);
  }
}

function write(inventory) {
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, `${JSON.stringify(inventory, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

const list = (text) => (text ? text.split(",").filter(Boolean) : []);

const CHANGES = {
  register: (m) => {
    m.service = {
      trafficMode: need("KSV_TRAFFIC_MODE"),
      svmImageUrl: need("KSV_SVM_IMAGE_URL"),
      ksc: `${need("KSV_KSC_ADDRESS")}:${need("KSV_KSC_PORT")}`,
    };
  },
  unregister: (m) => delete m.service,
  createSegment: (m) => (m.segment = true),
  removeSegment: (m) => delete m.segment,
  deploySvms: (m) => {
    m.deployments = m.deployments || {};
    m.deployments[need("KSV_CLUSTER")] = {
      datastore: need("KSV_DATASTORE"),
      network: need("KSV_NETWORK"),
      ipPool: env.KSV_IP_POOL || null,
      hosts: list(need("KSV_HOSTS")),
      image: need("KSV_SVM_IMAGE_URL"),
    };
  },
  removeSvms: (m) => delete (m.deployments || {})[need("KSV_CLUSTER")],
  upgradeSvms: (m) => {
    const deployment = (m.deployments || {})[need("KSV_CLUSTER")];
    if (!deployment) fail(`upgradeSvms: cluster ${env.KSV_CLUSTER} has no deployment`);
    if (list(env.KSV_EXAMPLE_BROKEN_UPGRADE).includes(env.KSV_CLUSTER)) return;
    deployment.image = need("KSV_SVM_IMAGE_URL");
  },
  createObjects: (m) => {
    m.objects = list(need("KSV_OBJECTS"));
    if (env.KSV_FAILURE_POLICY) m.failurePolicy = env.KSV_FAILURE_POLICY;
  },
  // The redirection goes with the service's objects, as NSX requires before the chain goes.
  removeObjects: (m) => {
    delete m.objects;
    delete m.rules;
  },
  applyGroup: (m) => {
    m.groups = m.groups || {};
    m.groups[need("KSV_GROUP")] = JSON.parse(need("KSV_GROUP_MEMBERS"));
  },
  removeGroup: (m) => delete (m.groups || {})[need("KSV_GROUP")],
  applyRules: (m) => {
    const rules = JSON.parse(need("KSV_RULES"));
    const groups = m.groups || {};
    for (const name of rules.flatMap((r) => [...r.sources, ...r.destinations])) {
      if (name !== "any" && !groups[name]) fail(`applyRules: group ${name} does not exist`);
    }
    m.rules = rules;
    m.failurePolicy = need("KSV_FAILURE_POLICY");
  },
  applyPolicy: (m) => (m.policy = JSON.parse(need("KSV_POLICY"))),
};

/** What exists, in the shape ksv adopt and ksv drift read (README: the verify hook). */
function observe(m) {
  switch (need("KSV_ROLE")) {
    case "protection-service":
      return m.service
        ? {
            registered: true,
            trafficMode: m.service.trafficMode,
            svmImageUrl: m.service.svmImageUrl,
          }
        : { registered: false };
    case "service-segment":
      return { present: Boolean(m.segment) };
    case "service-deployment": {
      const deployment = (m.deployments || {})[need("KSV_CLUSTER")];
      return deployment
        ? { deployed: true, hosts: deployment.hosts }
        : { deployed: false, hosts: [] };
    }
    case "svm-image": {
      const deployment = (m.deployments || {})[need("KSV_CLUSTER")];
      return { svmImageUrl: deployment ? deployment.image : null, upgrading: false };
    }
    case "nsx-objects":
      return { present: Boolean(m.objects) };
    case "group-members": {
      const members = (m.groups || {})[need("KSV_GROUP")];
      return members ? { present: true, members } : { present: false };
    }
    case "redirection-rules":
      return m.rules
        ? { present: true, failurePolicy: m.failurePolicy, rules: m.rules }
        : { present: false };
    case "threat-policy":
      return m.policy ? { present: true, ...m.policy } : { present: false };
    default:
      return fail(`verify: unknown role ${env.KSV_ROLE}`);
  }
}

/**
 * The clusters and hosts "vCenter" has (ksv discover): the inventory's `fabric` where a test or
 * the demo wrote one, else the clusters that have a deployment.
 */
function fabric(m) {
  if (m.fabric) return m.fabric;
  return {
    clusters: Object.entries(m.deployments || {}).map(([name, d]) => ({
      name,
      hosts: d.hosts,
      datastore: d.datastore,
      network: d.network,
      ...(d.ipPool ? { ipPool: d.ipPool } : {}),
    })),
  };
}

/** NSX refuses to delete a group a rule still names: wait for applyRules, as a real hook must. */
function waitUntilUnused(group) {
  const seconds = Number(env.KSV_EXAMPLE_GROUP_WAIT_SECONDS || 30);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 0.1) {
    const m = read().managers[env.KSV_MANAGER] || {};
    const named = (m.rules || []).some((r) => [...r.sources, ...r.destinations].includes(group));
    if (!named) return;
    if (waited >= seconds) fail(`removeGroup: a rule still names group ${group}`);
    Atomics.wait(pause, 0, 0, 100);
  }
}

const hook = need("KSV_HOOK");
const manager = need("KSV_MANAGER");
if (hook === "verify" || hook === "inventory") {
  const m = read().managers[manager] || {};
  const answer = hook === "verify" ? observe(m) : fabric(m);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
} else if (CHANGES[hook]) {
  if (hook === "removeGroup") waitUntilUnused(need("KSV_GROUP"));
  withLock(() => {
    const inventory = read();
    const m = (inventory.managers[manager] = inventory.managers[manager] || {});
    CHANGES[hook](m);
    write(inventory);
  });
  if (env.KSV_HOOK_LOG) {
    fs.appendFileSync(
      env.KSV_HOOK_LOG,
      `${hook} ${manager} ${env.KSV_CLUSTER || env.KSV_GROUP || ""}`.trim() + "\n",
    );
  }
} else {
  fail(`unknown hook ${hook}`);
}

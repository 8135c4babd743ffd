import { parseDocument, visit } from "yaml";
import type { ClusterSpec } from "../estate/schema";
import { UserError } from "../user-error";
import { clustersSplice } from "./cluster-writer";
import type { Discovery } from "./discovery";
import { hostsSplices, type HostsEdit } from "./hosts-editor";
import { applySplices, newlineOf, type Splice } from "./text-splices";

/*
 * The estate file's text with hosts and clusters changed, and nothing else: comments, order,
 * quoting, blank lines and the other managers stay byte for byte, since only the text of each
 * changed `hosts` list is spliced and new clusters are inserted after the last one. YAML and
 * JSON alike (JSON is YAML's flow style). Pure: text in, text out. The caller validates the
 * result as an estate before writing it.
 */

export interface ClustersAppend {
  /** managers[manager].clusters gets these at its end. */
  readonly manager: number;
  readonly clusters: readonly ClusterSpec[];
}

export interface EstateTextEdits {
  readonly hosts: readonly HostsEdit[];
  readonly clusters: readonly ClustersAppend[];
}

/** The text edits a discovery makes; `managerIndex` is each manager's place in the estate. */
export function editsOf(
  discovery: Discovery,
  managerIndex: (name: string) => number,
): EstateTextEdits {
  const hosts: HostsEdit[] = [];
  const clusters: ClustersAppend[] = [];
  for (const manager of discovery.managers) {
    const index = managerIndex(manager.manager);
    for (const change of manager.changes) {
      hosts.push({
        manager: index,
        cluster: change.index,
        remove: change.removed.map((r) => r.index),
        add: change.added,
      });
    }
    if (manager.added.length > 0) clusters.push({ manager: index, clusters: manager.added });
  }
  return { hosts, clusters };
}

/** Anchors some alias uses. */
function usedAnchors(doc: ReturnType<typeof parseDocument>): Set<string> {
  const used = new Set<string>();
  visit(doc, { Alias: (_key, node) => void used.add(node.source) });
  return used;
}

/** `text` with the edits made. Throws UserError where the file is written in a way that cannot be edited so. */
export function editEstateText(text: string, edits: EstateTextEdits): string {
  if (edits.hosts.length === 0 && edits.clusters.length === 0) return text;
  // The text was loaded as an estate already; here only its tokens and their places are read.
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new UserError(
      `the estate cannot be parsed for editing: ${doc.errors[0].message.split("\n")[0]}`,
    );
  }
  const newline = newlineOf(text);
  const anchors = usedAnchors(doc);
  const splices: Splice[] = [
    ...edits.hosts.flatMap((edit) => hostsSplices(doc, text, edit, anchors, newline)),
    ...edits.clusters.map((append) =>
      clustersSplice(doc, text, append.manager, append.clusters, newline),
    ),
  ];
  return applySplices(text, splices);
}

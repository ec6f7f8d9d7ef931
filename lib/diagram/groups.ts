// Which Excalidraw group, if any, each element belongs to as a diagram component.
//
// Library icons are groups (a DB cylinder = lines + ellipses + a caption), so a group usually acts
// as one component. But people also group a whole sub-system to move it around; such a "cluster"
// must not swallow its parts. A group is a cluster when it holds two or more labelled shapes, two or
// more captioned sub-groups, or an arrow joining two of its own members. For each element we take
// the outermost group level that is not a cluster.
import { type PreparedElement, VISUAL_TYPES } from "./elements";

export interface GroupAnalysis {
  /** Component group id per prepared element index, or null when the element stands alone. */
  componentOf: (string | null)[];
  /** Members (prepared indices, scene order) of every component group. */
  members: Map<string, number[]>;
  /** Component groups that contain a visual part and therefore become a node. */
  visual: Set<string>;
}

export function analyseGroups(
  prepared: readonly PreparedElement[],
  indexById: ReadonlyMap<string, number>,
): GroupAnalysis {
  const membersByGroup = new Map<string, number[]>();
  for (const p of prepared) {
    for (const groupId of p.groupIds) {
      const list = membersByGroup.get(groupId);
      if (list) list.push(p.index);
      else membersByGroup.set(groupId, [p.index]);
    }
  }

  const clusterCache = new Map<string, boolean>();
  const isCluster = (groupId: string): boolean => {
    const cached = clusterCache.get(groupId);
    if (cached !== undefined) return cached;
    const members = membersByGroup.get(groupId) ?? [];
    const memberSet = new Set(members);
    const labelledShapes = new Set<number>();
    const captionedChildren = new Set<string>();
    let joinsOwnMembers = false;
    for (const index of members) {
      const p = prepared[index];
      if (!p) continue;
      if (p.type === "text") {
        const container = p.element.containerId ? indexById.get(p.element.containerId) : undefined;
        if (container !== undefined && memberSet.has(container) && prepared[container]?.type !== "arrow") {
          labelledShapes.add(container);
        }
        const level = p.groupIds.indexOf(groupId);
        const child = level > 0 ? p.groupIds[level - 1] : undefined;
        if (child !== undefined) captionedChildren.add(child);
      } else if (p.type === "arrow") {
        const start = p.element.startBinding ? indexById.get(p.element.startBinding.elementId) : undefined;
        const end = p.element.endBinding ? indexById.get(p.element.endBinding.elementId) : undefined;
        if (start !== undefined && end !== undefined && start !== end && memberSet.has(start) && memberSet.has(end)) {
          joinsOwnMembers = true;
        }
      }
    }
    const cluster = labelledShapes.size >= 2 || captionedChildren.size >= 2 || joinsOwnMembers;
    clusterCache.set(groupId, cluster);
    return cluster;
  };

  const componentOf: (string | null)[] = [];
  const members = new Map<string, number[]>();
  const visual = new Set<string>();
  for (const p of prepared) {
    let component: string | null = null;
    // groupIds run deepest → outermost; walk from the outside in.
    for (let level = p.groupIds.length - 1; level >= 0; level--) {
      const groupId = p.groupIds[level];
      if (groupId !== undefined && !isCluster(groupId)) {
        component = groupId;
        break;
      }
    }
    componentOf[p.index] = component;
    if (component === null) continue;
    const list = members.get(component);
    if (list) list.push(p.index);
    else members.set(component, [p.index]);
    if (VISUAL_TYPES.has(p.type)) visual.add(component);
  }
  return { componentOf, members, visual };
}

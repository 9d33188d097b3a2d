/** Groups in tree order (each parent followed by its children, by name) with their depth. */
export function groupTree<G extends { id: string; name: string; parentId: string | null }>(groups: G[]): { group: G; depth: number }[] {
  const ids = new Set(groups.map((g) => g.id));
  const children = new Map<string | null, G[]>();
  for (const g of groups) {
    // A manager may see a sub-group without its parent: it is shown at the top level then.
    const parent = g.parentId && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: { group: G; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const g of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'ja'))) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ group: g, depth });
      visit(g.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** The ids of a group and every group below it (a group cannot move under one of these). */
export function subtreeIds(groups: { id: string; parentId: string | null }[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of groups) {
      if (g.parentId && out.has(g.parentId) && !out.has(g.id)) {
        out.add(g.id);
        grew = true;
      }
    }
  }
  return out;
}

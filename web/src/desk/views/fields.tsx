import type { Node } from '../describe.ts';

/** A record's fields as a definition list, groups and items nested (the tree of describe.ts). */
export function Fields({ nodes, skip = [] }: { nodes: Node[]; skip?: readonly string[] }) {
  return (
    <dl class="fields">
      {nodes.filter((n) => !skip.includes(n.path)).map((node) => [
        <dt key={`${node.path}-t`} class={'text' in node ? undefined : 'nested'}>{node.label}</dt>,
        <dd key={`${node.path}-d`} data-path={node.path} class={'text' in node ? undefined : 'nested'}>
          {'group' in node ? <Fields nodes={node.group} />
            : 'items' in node ? (node.items.length === 0 ? '无' : <ol class="items">{node.items.map((item, i) => <li key={i}><Fields nodes={item} /></li>)}</ol>)
            : node.text || '—'}
        </dd>,
      ])}
    </dl>
  );
}

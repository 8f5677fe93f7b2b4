import { useMemo } from 'react';
import { Card, Empty, Tag, Tree, type TreeDataNode } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useI18n } from '../../../i18n';
import { buildAreaTree, type AreaNode } from '../../../lib/area-tree';
import { useAreaTree } from '../api';

interface AreaTreePanelProps {
  selected: string | null;
  onSelect: (code: string) => void;
}

/** The actor's jurisdiction as a tree; merged areas stay visible (struck through) for history. */
export function AreaTreePanel({ selected, onSelect }: AreaTreePanelProps) {
  const { t } = useI18n();
  const tree = useAreaTree();

  const treeData = useMemo<TreeDataNode[]>(() => {
    const toNodes = (nodes: AreaNode[]): TreeDataNode[] =>
      nodes.map((n) => ({
        key: n.area.code,
        title: (
          <span data-testid={`area-node-${n.area.code}`}>
            <span style={n.area.status === 'merged' ? { textDecoration: 'line-through' } : undefined}>
              {n.area.name}
            </span>{' '}
            <Tag style={{ marginInlineEnd: 0 }}>{t(`area.level.${n.area.level}`)}</Tag>
          </span>
        ),
        children: toNodes(n.children),
      }));
    return toNodes(buildAreaTree(tree.data?.items ?? []));
  }, [tree.data, t]);

  const defaultExpanded = useMemo(
    () => (tree.data?.items ?? []).filter((a) => a.level === 'district' || a.level === 'street').map((a) => a.code),
    [tree.data],
  );

  return (
    <Card title={t('areas.tree')} size="small" styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
      {tree.isPending ? <Loading /> : null}
      <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
      {tree.data && treeData.length === 0 ? <Empty description={t('areas.noAreas')} /> : null}
      {treeData.length > 0 ? (
        <Tree
          data-testid="area-tree"
          treeData={treeData}
          defaultExpandedKeys={defaultExpanded}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(String(key));
          }}
          blockNode
        />
      ) : null}
    </Card>
  );
}

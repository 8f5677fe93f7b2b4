import { useMemo } from 'react';
import { App, TreeSelect } from 'antd';
import { useI18n } from '../i18n';
import { buildAreaTree, toTreeOptions, type AreaTreeOption } from '../lib/area-tree';
import { useAreaTree } from '../modules/areas';
import { hasPermission, useSession, useSetCurrentArea } from '../modules/auth';

const ALL = '__all__';

/** Narrows the whole app to one area of the actor's jurisdiction (or back to all of it). */
export function AreaSwitcher({ width }: { width: number | string }) {
  const session = useSession();
  const { t, errorMessage } = useI18n();
  const { message } = App.useApp();
  const canReadAreas = hasPermission(session, 'area.read');
  const tree = useAreaTree(canReadAreas);
  const setArea = useSetCurrentArea();

  const treeData = useMemo<AreaTreeOption[]>(() => {
    const nodes: AreaTreeOption[] = tree.data
      ? toTreeOptions(buildAreaTree(tree.data.items))
      : session.areas.map((a) => ({ title: a.name, value: a.code, key: a.code, children: [] }));
    return [{ title: t('area.wholeJurisdiction'), value: ALL, key: ALL, children: [] }, ...nodes];
  }, [tree.data, session.areas, t]);

  const handleChange = (value: string) => {
    setArea.mutate(value === ALL ? null : value, {
      onError: (error) => void message.error(errorMessage(error)),
    });
  };

  // An account holding no area (a partner member) has no jurisdiction to narrow.
  if (session.areas.length === 0) return null;
  return (
    <TreeSelect
      data-testid="area-switcher"
      aria-label={t('area.switcher')}
      value={session.currentAreaCode ?? ALL}
      treeData={treeData}
      onChange={handleChange}
      loading={tree.isFetching || setArea.isPending}
      disabled={setArea.isPending}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={{ width }}
    />
  );
}

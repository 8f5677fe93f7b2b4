import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Flex, Tag } from 'antd';
import { EditOutlined, ImportOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAreaDetail, useAreaTree } from '../api';
import { childLevel } from '../levels';
import { AreaHistoryCard } from './AreaHistoryCard';
import { CreateChildModal } from './CreateChildModal';
import { ImportCatalogModal } from './ImportCatalogModal';
import { MergeAreaModal } from './MergeAreaModal';
import { RenameAreaModal } from './RenameAreaModal';

type Dialog = 'rename' | 'create' | 'merge' | 'import' | null;

/** One area: path, facts, the actions the server allows, and its change history. */
export function AreaDetailPanel({ code, onSelect }: { code: string; onSelect: (code: string) => void }) {
  const { t } = useI18n();
  const detail = useAreaDetail(code);
  const tree = useAreaTree();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const area = detail.data;
  const allowed = area.allowedActions;
  const nextLevel = childLevel(area.level);
  const nameOf = (c: string) => {
    const found = tree.data?.items.find((a) => a.code === c);
    return found ? `${found.name}（${c}）` : c;
  };

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Breadcrumb
            data-testid="area-breadcrumb"
            items={area.path.map((p) => ({
              key: p.code,
              title:
                p.code === area.code ? (
                  p.name
                ) : (
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(p.code);
                    }}
                  >
                    {p.name}
                  </a>
                ),
            }))}
          />
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'name', label: t('areas.name'), children: area.name },
            { key: 'code', label: t('areas.code'), children: area.code },
            { key: 'level', label: t('areas.level'), children: t(`area.level.${area.level}`) },
            {
              key: 'status',
              label: t('areas.status'),
              children: (
                <Tag color={area.status === 'active' ? 'green' : 'default'}>{t(`areas.status.${area.status}`)}</Tag>
              ),
            },
            ...(area.mergedInto
              ? [{ key: 'into', label: t('areas.mergedInto'), children: nameOf(area.mergedInto) }]
              : []),
            { key: 'children', label: t('areas.childCount'), children: area.childCount },
            { key: 'version', label: t('areas.version'), children: area.version },
            { key: 'updated', label: t('areas.updatedAt'), children: formatDateTime(area.updatedAt) },
          ]}
        />
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {can(allowed, 'rename') ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog('rename')} data-testid="area-rename">
              {t('areas.rename')}
            </Button>
          ) : null}
          {can(allowed, 'create_child') && nextLevel ? (
            <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="area-create-child">
              {t('areas.createChild')}
            </Button>
          ) : null}
          {can(allowed, 'merge') ? (
            <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')} data-testid="area-merge">
              {t('areas.merge')}
            </Button>
          ) : null}
          {(can(allowed, 'import') || can(allowed, 'create_child')) &&
          (area.level === 'district' || area.level === 'street') ? (
            <Button icon={<ImportOutlined />} onClick={() => setDialog('import')} data-testid="area-import">
              {t('areas.import')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <AreaHistoryCard code={area.code} />
      {dialog === 'rename' ? <RenameAreaModal area={area} onClose={close} /> : null}
      {dialog === 'create' && nextLevel ? (
        <CreateChildModal parent={area} level={nextLevel} onClose={close} onCreated={onSelect} />
      ) : null}
      {dialog === 'merge' ? <MergeAreaModal area={area} onClose={close} /> : null}
      {dialog === 'import' ? <ImportCatalogModal root={area} onClose={close} /> : null}
    </Flex>
  );
}

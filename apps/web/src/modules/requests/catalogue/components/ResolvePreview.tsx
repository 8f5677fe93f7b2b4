import { useState } from 'react';
import { Card, Descriptions, Flex, Select } from 'antd';
import type { RequestCategory } from '@linli/contracts/modules/requests';
import { useResolvePreview } from '../api';
import { UNIT_KIND_LABELS, useCatalogueWords } from '../words';
import { useDistrictAreas } from './useDistrictAreas';

/** 派单预览: pick a community and a category, see the unit a request would go to and the rule that decides it. */
export function ResolvePreview({ categories }: { categories: RequestCategory[] }) {
  const w = useCatalogueWords();
  const areas = useDistrictAreas();
  const [community, setCommunity] = useState<string>();
  const [categoryId, setCategoryId] = useState<string>();
  const preview = useResolvePreview(community, categoryId);
  const unit = preview.data?.unit;
  return (
    <Card size="small" title={w.preview} style={{ marginBottom: 16 }}>
      <Flex gap={8} wrap>
        <Select
          aria-label={w.previewCommunity}
          placeholder={w.previewCommunity}
          style={{ flex: '1 1 200px' }}
          value={community}
          onChange={setCommunity}
          data-testid="preview-community"
          options={areas
            .ofLevel('community')
            .map((a) => ({ value: a.code, label: `${areas.nameOf(a.parentCode)} ${a.name}` }))}
        />
        <Select
          aria-label={w.ruleCategory}
          placeholder={w.ruleCategory}
          style={{ flex: '1 1 200px' }}
          value={categoryId}
          onChange={setCategoryId}
          data-testid="preview-category"
          options={categories.map((c) => ({ value: c.id, label: `${c.group} · ${c.name}` }))}
        />
      </Flex>
      {unit ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 12 }}
          data-testid="preview-result"
          items={[
            { key: 'unit', label: w.previewResult, children: `${w.say(UNIT_KIND_LABELS[unit.kind])} · ${unit.label}` },
            { key: 'rule', label: w.byRule, children: preview.data?.ruleId ? '✓' : w.noRule },
          ]}
        />
      ) : null}
    </Card>
  );
}

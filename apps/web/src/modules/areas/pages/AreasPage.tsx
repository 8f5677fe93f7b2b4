import { useState } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { AreaDetailPanel } from '../components/AreaDetailPanel';
import { AreaTreePanel } from '../components/AreaTreePanel';

/** Area tree on the left (on top on phones), the selected area's detail and actions beside it. */
export default function AreasPage() {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('areas.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} lg={8}>
          <AreaTreePanel selected={selected} onSelect={setSelected} />
        </Col>
        <Col xs={24} md={15} lg={16}>
          {selected ? (
            <AreaDetailPanel code={selected} onSelect={setSelected} />
          ) : (
            <Card>
              <Empty description={t('areas.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

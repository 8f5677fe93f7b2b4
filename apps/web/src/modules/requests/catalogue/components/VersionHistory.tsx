import { Modal, Tag, Timeline, Typography } from 'antd';
import type { RequestCategory } from '@linli/contracts/modules/requests';
import { formatDateTime } from '../../../../lib/format';
import { useCatalogueWords } from '../words';

/** Every version of a category, newest first: what requests filed under each one were asked. */
export function VersionHistory({ category, onClose }: { category: RequestCategory; onClose: () => void }) {
  const w = useCatalogueWords();
  return (
    <Modal open title={`${w.history} · ${category.name}`} onCancel={onClose} footer={null}>
      <Timeline
        data-testid="category-versions"
        items={category.versions.map((v) => ({
          key: v.version,
          children: (
            <div data-testid={`category-version-${v.version}`}>
              <Typography.Text strong>
                {w.version} {v.version} · {v.name}
              </Typography.Text>{' '}
              {v.version === category.version ? <Tag color="blue">{w.current}</Tag> : null}
              <div>
                {v.defaultUrgency === 'urgent' ? w.urgent : w.normal} · {w.signDays} {v.signWorkingDays} {w.workingDays}{' '}
                · {w.resolveDays} {v.resolveWorkingDays} {w.workingDays} · {v.questions.length} {w.questionCount}
              </div>
              <Typography.Text type="secondary">
                {w.createdAt} {formatDateTime(v.createdAt)}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Modal>
  );
}

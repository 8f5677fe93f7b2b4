import { Button } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { usePermission } from '../../../components/Can';
import { useCoreWords } from '../core-words';

/**
 * 记录诉求 during a home visit (the care module's visit drawer): opens the staff intake with channel 走访 and the
 * client preselected. The id goes in the URL, the client's name only in the history state.
 */
export function RecordRequestButton({ clientId, clientName }: { clientId: string; clientName: string }) {
  const w = useCoreWords();
  const navigate = useNavigate();
  if (!usePermission('requests.intake')) return null;
  return (
    <Button
      icon={<FormOutlined />}
      size="large"
      block
      onClick={() => navigate(`/requests/new?channel=visit&clientId=${clientId}`, { state: { clientName } })}
      data-testid="record-request"
    >
      {w.recordRequest}
    </Button>
  );
}

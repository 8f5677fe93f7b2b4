import { Button, Card, Flex, Typography } from 'antd';
import { EditOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useCoreWords } from '../core-words';

/** The /m home page's tile: 我要反映 (file a request) and 我的诉求 (follow them). */
export function RequestsTile() {
  const w = useCoreWords();
  const navigate = useNavigate();
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="m-requests-tile">
      <Typography.Text type="secondary">{w.mTileHint}</Typography.Text>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Button
          type="primary"
          size="large"
          icon={<EditOutlined />}
          onClick={() => navigate('/m/requests/new')}
          data-testid="m-requests-file"
          style={{ flex: 1, minWidth: 140, minHeight: 48 }}
        >
          {w.mTile}
        </Button>
        <Button
          size="large"
          icon={<UnorderedListOutlined />}
          onClick={() => navigate('/m/requests')}
          data-testid="m-requests-mine"
          style={{ flex: 1, minWidth: 140, minHeight: 48 }}
        >
          {w.mMine}
        </Button>
      </Flex>
    </Card>
  );
}

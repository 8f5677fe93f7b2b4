import { Button, Card, Flex, Typography } from 'antd';
import { GiftOutlined, HeartOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useWishesWords } from '../words';

/** The /m home page's tile: 许个心愿 / 我的心愿 / 心愿墙. */
export function WishesTile() {
  const w = useWishesWords();
  const navigate = useNavigate();
  const button = { size: 'large', style: { flex: 1, minWidth: 120, minHeight: 48 } } as const;
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="m-wishes-tile" title={w.title}>
      <Typography.Text type="secondary">{w.mTileHint}</Typography.Text>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Button
          {...button}
          type="primary"
          icon={<GiftOutlined />}
          onClick={() => navigate('/m/wishes/new')}
          data-testid="m-wish-new"
        >
          {w.post}
        </Button>
        <Button {...button} onClick={() => navigate('/m/wishes')} data-testid="m-wishes-mine">
          {w.mine}
        </Button>
        <Button
          {...button}
          icon={<HeartOutlined />}
          onClick={() => navigate('/m/wishes/wall')}
          data-testid="m-wish-wall"
        >
          {w.wall}
        </Button>
      </Flex>
    </Card>
  );
}

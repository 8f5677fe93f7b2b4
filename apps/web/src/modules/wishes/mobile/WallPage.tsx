import { Typography } from 'antd';
import { WishWall } from '../components/WishWall';
import { useWishesWords } from '../words';

/** 心愿墙 on /m: the community's open wishes (a resident may claim one as a volunteer) and 公开致谢. */
export default function WallPage() {
  const w = useWishesWords();
  return (
    <>
      <Typography.Title level={2}>{w.wall}</Typography.Title>
      <WishWall large />
    </>
  );
}

import { PageHeader } from '../../../components/PageHeader';
import { WishWall } from '../components/WishWall';
import { useWishesWords } from '../words';

/** 心愿墙 on the desktop: staff of the community, partner members (the communities their organisation serves). */
export default function WishWallPage() {
  const w = useWishesWords();
  return (
    <>
      <PageHeader title={w.wall} />
      <WishWall />
    </>
  );
}

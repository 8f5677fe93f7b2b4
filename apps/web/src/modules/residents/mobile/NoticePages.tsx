import { Button, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useResidentNotice } from '../api';
import { fill, useResidentsWords } from '../words';
import { NoticeList } from './NoticeList';

/** 公告: every published notice of the resident's community. */
export function NoticesPage() {
  const w = useResidentsWords();
  return (
    <>
      <Typography.Title level={2}>{w.notices}</Typography.Title>
      <NoticeList />
    </>
  );
}

/** One notice, in full. */
export function NoticeDetailPage() {
  const w = useResidentsWords();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notice = useResidentNotice(id);
  return (
    <>
      <Button onClick={() => navigate('/m/notices')} style={{ marginBottom: 12 }}>
        {w.back}
      </Button>
      {notice.isPending ? <Loading minHeight={120} /> : null}
      <ErrorAlert error={notice.error} />
      {notice.data ? (
        <article data-testid="m-notice-detail">
          <Typography.Title level={2}>{notice.data.title}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {fill(w.publishedAt, { at: formatDateTime(notice.data.publishedAt) })}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notice.data.body}</Typography.Paragraph>
        </article>
      ) : null}
    </>
  );
}
